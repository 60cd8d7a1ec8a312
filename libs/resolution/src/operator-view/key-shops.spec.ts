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

  it('counts the keys of a build in slices of about as many facts as asked, each key whole', async () => {
    const claim = (shop: string, account: string) => log.claim(shop, 'payout_account', id('bankAccount', account), { claimId: 'c' });
    await write('claim-slices', ...['a', 'b', 'c', 'd', 'e', 'f'].map((shop) => claim(`lazada:${shop}`, 'ACB:common')));
    await write('claim-slices-2', ...['ACB:x', 'ACB:y', 'ACB:z'].flatMap((account) => [claim('lazada:a', account), claim('lazada:b', account)]));
    await refresh(log.lastPosition);
    const counts = () => db.reader.rows<{ key: number; shops: number }>('SELECT key, shops FROM operator_view_key_shops ORDER BY key');
    const whole = await counts();

    await db.write((tx) => tx.run('DELETE FROM operator_view_key_shops'));
    const slices: number[] = [];
    for (let after: number | null = 0; after !== null;) {
      const from: number = after;
      after = await db.write((tx) => keyShopsTable.countAfter(tx, log.lastPosition, from, 10_000, 3));
      slices.push(after ?? -1);
    }

    expect(await counts()).toEqual(whole);
    expect((await keyShopsTable.read(db.reader, ['bankAccount:ACB:common']))?.counts.get('bankAccount:ACB:common')).toBe(6);
    // Twelve facts on four keys, 3 a slice: the key stated six times alone, then two keys of two facts, then the last.
    expect(slices).toEqual([await numberOf('bankAccount:ACB:common'), await numberOf('bankAccount:ACB:y'), -1]);
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
