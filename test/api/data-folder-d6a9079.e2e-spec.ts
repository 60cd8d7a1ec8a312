import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PersonalDataEraser } from '@registry/privacy';
import { FACT_SELECT, FactRow, factOf } from '@registry/resolution/identity-graph/fact-table';
import { FOLDER_SCENARIO } from '../fixtures/write-data-folder';
import { CASE } from './enforcement.suite';
import { copyDataFolderFixture, readAsLeft, startOnFolder, stopAndRemove } from '../support/data-folder-fixture';
import { RunningRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

/** The identifier kinds of a shop's facts, as the rows hold them. */
const kindsOf = (rows: FactRow[], shop: string) =>
  rows
    .map((row) => factOf(row))
    .flatMap((fact) => (fact.kind === 'shopIdentifier' && fact.shop === shop && fact.role === 'declared_owner' ? [fact.identifier.kind] : []))
    .sort();

/**
 * A data folder written by commit d6a9079 (test/fixtures/data-folder-d6a9079, by
 * test/fixtures/write-data-folder.ts), where tiktok:t2 declares the account holder's ID number as her
 * tax code, the graph held it as a tax code and a search by it was audited under it: started by this version, the identity graph and the
 * personal-data index are rebuilt from the events (PersonalTaxCodesAsNationalIds1764400340000,
 * PersonalTaxCodesIndexedAsNationalIds1764400341000), the personal tax code is the national ID it is,
 * and no event is rewritten.
 */
describe('a data folder written by commit d6a9079, started by this version', () => {
  const folder = copyDataFolderFixture('d6a9079');
  const EVENTS = 'SELECT position, id, data, metadata FROM events ORDER BY position';
  let registry: RunningRegistry;
  let eventsBefore: unknown[];
  let kindsBefore: string[];

  beforeAll(async () => {
    await readAsLeft(folder, (file) => {
      eventsBefore = file.prepare(EVENTS).all();
      kindsBefore = kindsOf(file.prepare(FACT_SELECT).all() as FactRow[], 'tiktok:t2');
    });
    registry = await startOnFolder(folder);
  });
  afterAll(() => stopAndRemove(registry, folder));

  it('held the personal tax code as a tax code, and now holds it as the national ID it is', async () => {
    expect(kindsBefore).toEqual(['personName', 'taxCode']);
    expect(kindsOf(await registry.db.reader.rows<FactRow>(FACT_SELECT), 'tiktok:t2')).toEqual(['nationalId', 'personName']);
  });

  it("joins the shop declared by the account holder's tax code to the shops paid into her account", async () => {
    const before = (JSON.parse(readFileSync(join(folder, 'read-before.json'), 'utf8')) as { operatorOfShopeeS1: string[] }).operatorOfShopeeS1;
    expect(before).not.toContain('tiktok:t2');
    const answer = await registry.http().get('/enforcement/shops/shopee/s1/operator').set('x-api-key', registry.key('demo-officer')).set(CASE).expect(200);
    const shops = (answer.body as { operator: { shops: { shop: string }[] } }).operator.shops.map((s) => s.shop).sort();
    expect(shops).toEqual([...before, 'tiktok:t2'].sort());
  });

  it('finds her tax-code record by her national ID, for an erasure', async () => {
    const eraser = registry.app.get(PersonalDataEraser);
    const byId = await eraser.recordsOfSubject('nationalId', FOLDER_SCENARIO.holderId);
    const t2 = await eraser.recordsOfShop('tiktok', 't2');
    expect(t2).toHaveLength(1);
    expect(byId.keyIds).toEqual(expect.arrayContaining(t2));
  });

  it('finds the search the earlier version audited under the tax code by the ID number, and by the tax code', async () => {
    const { searchByTaxCode } = JSON.parse(readFileSync(join(folder, 'read-before.json'), 'utf8')) as { searchByTaxCode: string };
    for (const kind of ['nationalId', 'taxCode']) {
      const found = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ subject: { kind, value: FOLDER_SCENARIO.holderId } })
        .expect(200);
      expect({ kind, audits: (found.body.records as { auditId: string }[]).map((r) => r.auditId) }).toEqual({
        kind,
        audits: expect.arrayContaining([searchByTaxCode]),
      });
    }
  });

  it('rewrites no event (the reads since appended their audit records after them)', async () => {
    expect((await registry.db.reader.rows(EVENTS)).slice(0, eventsBefore.length)).toEqual(eventsBefore);
  });
});
