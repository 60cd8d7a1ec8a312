import shipped from '../../rules/withholding-rules.json';
import { taxEventSchemas } from './tax-event-schemas';

const schemas = taxEventSchemas();

const assessed = {
  specversion: '1.0',
  id: '0190c6e2-5b1c-7d3e-8f00-1234567890ab',
  source: '/seller-registry/tax-obligations',
  type: 'vn.seller-registry.tax.obligation-assessed.v1',
  subject: 'shops/shopee/s-1/2025-08/goods',
  time: '2025-09-05T03:00:00.000Z',
  datacontenttype: 'application/json',
  dataschema: 'http://localhost:3000/schemas/tax/obligation-assessed.v1.json',
  partitionkey: 'tin:abc',
  sequence: '00000000000000000042',
  data: {
    reportId: '0190c6e2-5b1c-7d3e-8f00-1234567890aa',
    supersedes: null,
    platformId: 'shopee',
    shopId: 's-1',
    month: '2025-08',
    category: 'goods',
    sellerResident: true,
    attributionKey: 'tin:abc',
    identified: true,
    withdrawn: false,
    grossRevenue: '120000000',
    cancellationsAndReturns: '20000000',
    base: '100000000',
    vat: { ratePercent: '1', due: '1000000', withheld: '1000000', shortfall: '0' },
    pit: { ratePercent: '0.5', due: '500000', withheld: '500000', shortfall: '0' },
    ruleVersion: 'VN-ND117-2025',
    dueDate: '2025-09-20',
  },
};

describe('the JSON Schemas of the tax-office events', () => {
  it('accept a well-formed ObligationAssessed CloudEvent', () => expect(schemas.cloudEvent(assessed)).toEqual([]));

  it('accept a SellerIdentified CloudEvent with a tax code, a national ID, or an erased tax id, and nothing else', () => {
    const identified = (seller: object) => ({
      ...assessed,
      type: 'vn.seller-registry.tax.seller-identified.v1',
      subject: 'sellers/tin:abc',
      dataschema: 'http://localhost:3000/schemas/tax/seller-identified.v1.json',
      data: { attributionKey: 'tin:abc', seller },
    });
    for (const seller of [{ taxCode: '0314409058-002' }, { nationalId: '001089012345' }, { erased: true }])
      expect(schemas.cloudEvent(identified(seller))).toEqual([]);
    expect(schemas.cloudEvent(identified({ fullName: 'Nguyễn Văn An' }))).not.toEqual([]);
  });

  it.each([
    ['money as a JSON number', { ...assessed, data: { ...assessed.data, base: 100000000 } }, '/data/base'],
    ['a fraction of a đồng', { ...assessed, data: { ...assessed.data, base: '100.5' } }, '/data/base'],
    [
      'the seller’s tax id in an obligation (it is said once, in SellerIdentified)',
      { ...assessed, data: { ...assessed.data, seller: { nationalId: '001089012345' } } },
      '/data',
    ],
    ['a data field the schema does not know', { ...assessed, data: { ...assessed.data, note: 'x' } }, '/data'],
    ['another specversion', { ...assessed, specversion: '0.3' }, '/specversion'],
    ['a dataschema of another type', { ...assessed, dataschema: 'http://localhost:3000/schemas/tax/annual-revenue-attributed.v1.json' }, '/dataschema'],
    ['an unpadded sequence', { ...assessed, sequence: '42' }, '/sequence'],
  ])('refuse %s', (_, event, path) => {
    const problems = schemas.cloudEvent(JSON.parse(JSON.stringify(event)));
    expect(problems.some((p) => p.startsWith(path))).toBe(true);
  });

  it('accept the shipped withholding rule table', () => expect(schemas.ruleTable(shipped)).toEqual([]));
});
