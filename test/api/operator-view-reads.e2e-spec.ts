import { AddressInfo } from 'node:net';
import { parseIdentifier } from '@registry/shared-kernel';
import { EventStore } from '@registry/event-store';
import { IdentityGraphReader } from '@registry/resolution';
import { operatorViewTables } from '@registry/resolution/operator-view/operator-view.store';
import { tokensIn } from '@registry/resolution/reading/reveal';
import { FindOperatorsOfPerson, FindOperatorsOfPersonHandler } from '@registry/resolution/enforcement/find-operators-of-person/operators-of-person.query';
import { PERSON_KINDS, PersonKind } from '@registry/resolution/enforcement/find-operators-of-person/person-search.dto';
import { generateMarket } from '../quality/market';
import { loadMarket } from '../quality/market-api';
import { RunningRegistry, startRegistry } from '../support/registry-app';

/**
 * Reads at "now" are served from the operator view; on a generated market (nominees, relatives,
 * recycled numbers, hubs, shared depots), each must answer what the walk of the graph answers at the
 * view's point: the operator of one shop of every operator, and the person pivot from every ID number,
 * account, wallet and phone the shops state.
 */
describe('reads at now from the operator view, against the walk, on a generated market (SQLite)', () => {
  let registry: RunningRegistry;
  const market = generateMarket({ seed: 'view-against-walk', operators: 40 });

  beforeAll(async () => {
    registry = await startRegistry();
    const { port } = registry.app.getHttpServer().address() as AddressInfo;
    await loadMarket({ url: `http://127.0.0.1:${port}`, adminKey: registry.key('bootstrap-admin'), officerKey: registry.key('demo-officer') }, market);
    await registry.settle();
  }, 600_000);

  afterAll(() => registry?.close());

  it('answers the operator of a shop as the walk does, for one shop of every operator', async () => {
    const reader = registry.app.get(IdentityGraphReader);
    const shops = await registry.db.reader.rows<{ shop: string }>('SELECT MIN(shop) AS shop FROM operator_view_shops GROUP BY operator_id ORDER BY 1');
    expect(shops.length).toBeGreaterThan(30);
    for (const { shop } of shops) {
      const viewed = await reader.operatorOf(shop);
      expect({ shop, ...viewed }).toEqual({ shop, ...(await reader.walkedOperatorOf(shop, viewed.point)) });
    }
  }, 300_000);

  it("shows each value of an operator's answer as all the events it comes from show it, from fewer of them", async () => {
    const reader = registry.app.get(IdentityGraphReader);
    const read = jest.spyOn(registry.app.get(EventStore), 'readPositions');
    const shops = await registry.db.reader.rows<{ shop: string }>('SELECT MIN(shop) AS shop FROM operator_view_shops GROUP BY operator_id ORDER BY 1');
    let shownFrom = 0;
    let allFrom = 0;
    for (const { shop } of shops) {
      const { answer, sources } = (await operatorViewTables.operatorOf(registry.db.reader, shop))!.operator!;
      read.mockClear();
      const shown = await reader.clearValuesShown(answer, sources);
      shownFrom += read.mock.calls.flatMap(([positions]) => positions).length;
      read.mockClear();
      const all = await reader.clearValuesAt(sources.map((source) => source.position));
      allFrom += read.mock.calls.flatMap(([positions]) => positions).length;
      const tokens = tokensIn(answer);
      expect(shown.size).toBeGreaterThan(0);
      expect({ shop, shown }).toEqual({ shop, shown: new Map([...all].filter(([token]) => tokens.has(token))) });
    }
    read.mockRestore();
    expect(shownFrom).toBeLessThan(allFrom);
  }, 300_000);

  it('answers the person pivot as the walk does, from every ID number, account, wallet and phone the shops state, without walking', async () => {
    const handler = registry.app.get(FindOperatorsOfPersonHandler);
    const reader = registry.app.get(IdentityGraphReader);
    const identifiers = new Map<string, { kind: PersonKind; value: string }>();
    for (const { registration } of market.shops)
      for (const claim of registration.claims)
        for (const kind of PERSON_KINDS) {
          const parsed = parseIdentifier(kind, claim.subject[kind]);
          if (parsed.ok) identifiers.set(`${kind}:${parsed.value.value}`, { kind, value: parsed.value.value });
        }
    expect(identifiers.size).toBeGreaterThan(100);
    let withOperators = 0;
    for (const identifier of identifiers.values()) {
      const walks = jest.spyOn(reader, 'resolveFrom');
      const viewed = await handler.execute(new FindOperatorsOfPerson(identifier, undefined));
      expect(walks).not.toHaveBeenCalled();
      walks.mockRestore();
      expect({ identifier, ...viewed }).toEqual({ identifier, ...(await handler.walkedAt(identifier, viewed.point)) });
      if (viewed.operators.length > 0) withOperators++;
    }
    expect(withOperators).toBeGreaterThan(50);
  }, 600_000);
});
