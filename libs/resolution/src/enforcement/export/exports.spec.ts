import { NetworkToExport, toGexf, toGraphMl } from './network-export';
import { operatorToCsv } from './operator-csv';

const network: NetworkToExport = {
  operatorId: 'op:shopee:a',
  asOf: { position: 42, date: '2026-07-01', recordedBy: '2026-07-01T00:00:00.000Z' },
  nodes: [
    { id: 'shopee:a', type: 'shop', label: 'shopee:a' },
    { id: 'address:Kho <A> & "B"\u0007', type: 'identifier', label: 'address:Kho <A> & "B"\u0007', hub: true, nominee: false },
  ],
  edges: [{ source: 'shopee:a', target: 'address:Kho <A> & "B"\u0007', basis: null, role: 'warehouse', joins: false, facts: ['f1', 'f2'] }],
};

describe('network and operator exports', () => {
  it('GraphML and GEXF carry every node and edge with markup escaped and characters XML cannot hold dropped', () => {
    for (const file of [toGraphMl(network), toGexf(network)]) {
      expect(file).toContain('id="address:Kho &lt;A&gt; &amp; &quot;B&quot;"');
      expect(file).not.toContain('\u0007');
      expect(file.match(/<node /g)).toHaveLength(2);
      expect(file.match(/<edge /g)).toHaveLength(1);
      expect(file).toContain('at event position 42 (asOf 2026-07-01T00:00:00.000Z)');
    }
    expect(toGraphMl(network)).toContain('<data key="n_hub">true</data>');
    expect(toGexf(network)).toContain('<attvalue for="2" value="true"/>');
  });

  it('the operator CSV has one row per shop, quotes what needs quoting and writes a would-be formula as text', () => {
    const person = (name: string, nationalId: string) => ({ name, nationalId, taxCode: null });
    const csv = operatorToCsv({
      asOf: { position: 7 },
      operator: {
        operatorId: 'op:shopee:a',
        shops: [
          {
            shop: 'shopee:a',
            platformId: 'shopee',
            status: 'active',
            declaredOwners: [{ person: person('+cmd', '001089000001') }],
            nomineeSuspected: { controlledBy: person('Hoàng, Đức', '001085099999') },
          },
          { shop: 'lazada:b', platformId: 'lazada', status: null, declaredOwners: [], nomineeSuspected: null },
        ],
        controllers: [{ person: person('Hoàng, Đức', '001085099999'), confidence: { value: 0.9 }, attested: true }],
        confidence: { value: 0.95 },
      },
    });
    expect(csv.split('\r\n')).toEqual([
      'operator_id,platform_id,shop,status,declared_owners,nominee_suspected,controlled_by,top_controller,top_controller_national_id,top_controller_confidence,confidence,as_of_position',
      `op:shopee:a,shopee,shopee:a,active,'+cmd 001089000001,yes,"Hoàng, Đức 001085099999","Hoàng, Đức",001085099999,0.9,0.95,7`,
      'op:shopee:a,lazada,lazada:b,,,no,,"Hoàng, Đức",001085099999,0.9,0.95,7',
      '',
    ]);
  });
});
