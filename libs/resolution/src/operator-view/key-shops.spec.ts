import { SqlDatabase } from '@registry/event-store';
import { DEFAULT_RESOLUTION_POLICY, RegistryFact } from '../domain';
import { FactLog, id } from '../domain/testing/fact-log';
import { eraseFacts, writeFacts } from '../identity-graph/fact-table';
import { openGraphDatabase } from '../testing/graph-database';
import { keyShopsTable } from './key-shops.sql';
import { OperatorViewBuilder } from './operator-view.builder';

/**
 * The view keeps how many shops state each identifier, by the identifier's number in
 * `resolution_names`. An erasure that takes the last fact on an identifier takes its name too, and
 * SQLite gives the next new name the largest number again: an identifier stated for the first time
 * may get the number of one erased meanwhile, whose count the view still holds.
 */
describe('operator view: shops counted per identifier', () => {
  let db: SqlDatabase;
  const date = '2025-01-15';
  const log = new FactLog(date);
  const refresh = (position: number) => db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).refresh({ position, date }));
  /** Facts of one source (a claim), sealed under one data key. */
  const write = (source: string, ...facts: RegistryFact[]) =>
    db.write((tx) =>
      writeFacts(
        tx,
        facts.map((fact) => ({ fact, source, dataKeyId: source, sourcePosition: fact.addedAt })),
      ),
    );
  const numberOf = async (name: string) =>
    (await db.reader.rows<{ id: number | string }>('SELECT id FROM resolution_names WHERE name = $1', [name])).map((row) => Number(row.id))[0];

  beforeAll(async () => {
    db = await openGraphDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts an identifier from nothing when its number belonged to an identifier erased since', async () => {
    // The second claim's facts say nothing new but their source and identifier, whose name is then the largest number.
    const claim = (shop: string, account: string) => log.claim(shop, 'payout_account', id('bankAccount', account), { claimId: 'c' });
    await write('claim-1', claim('shopee:a', 'VCB:1'), claim('shopee:b', 'VCB:1'));
    await write('claim-2', claim('shopee:a', 'VCB:2'), claim('shopee:b', 'VCB:2'));
    await refresh(log.lastPosition);
    const erasedNumber = await numberOf('bankAccount:VCB:2');
    expect((await keyShopsTable.read(db.reader, ['bankAccount:VCB:2']))?.counts.get('bankAccount:VCB:2')).toBe(2);

    await db.write((tx) => eraseFacts(tx, ['claim-2'], log.remove(log.facts[2])));
    // A later fact of claim-1 (its source named already): its identifier is the one new name.
    await write('claim-1', claim('shopee:a', 'VCB:3'));
    // PostgreSQL never hands a number out twice.
    expect(await numberOf('bankAccount:VCB:3')).toEqual(db.reader.dialect === 'sqlite' ? erasedNumber : expect.any(Number));
    await refresh(log.lastPosition);

    expect(await keyShopsTable.read(db.reader, ['bankAccount:VCB:1', 'bankAccount:VCB:2', 'bankAccount:VCB:3'])).toEqual({
      position: log.lastPosition,
      counts: new Map([
        ['bankAccount:VCB:1', 2],
        ['bankAccount:VCB:2', 0],
        ['bankAccount:VCB:3', 1],
      ]),
    });
  });
});
