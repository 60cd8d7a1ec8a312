import { SqlDatabase, StoredEvent } from '@registry/event-store';
import { blindIndex } from '@registry/privacy/core';
import { RegistryFact } from '../domain';
import { FACT_SELECT, FactRow, factOf } from './fact-table';
import { factChangesOf } from './facts-from-events';
import { IdentityGraphProjection } from './identity-graph.projection';
import { openGraphDatabase } from '../testing/graph-database';

const keyring = { masterKeys: [], indexKey: Buffer.alloc(32, 7), file: null };
const blind = (kind: string, value: string) => blindIndex(keyring.indexKey, kind, value);

let position = 0;
const event = (stream: string, type: string, data: Record<string, unknown>, keyId?: string): StoredEvent => ({
  id: `e${++position}`,
  stream,
  version: 1,
  position,
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c', causationId: null, principal: 'shopee-api' },
  recordedAt: `2026-07-0${1 + (position % 9)}T08:00:00.000Z`,
  ...(keyId ? { personalData: { keyId, algorithm: 'A256GCM', fields: ['subject'], erased: false } } : {}),
});

/**
 * The identity graph keeps no JSON body: a fact is rebuilt from its columns and names. Given events,
 * the facts read back are the facts the events make, through verifications and erasures.
 */
describe('the identity-graph table', () => {
  let db: SqlDatabase;
  const projection = new IdentityGraphProjection(keyring);

  beforeEach(async () => {
    db = await openGraphDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  const apply = (events: StoredEvent[]) => db.write((tx) => projection.apply(events, tx));
  const stored = async () => {
    const facts = (await db.reader.rows<FactRow>(FACT_SELECT)).map((row) => factOf(row));
    return facts.sort((a, b) => (a.factId < b.factId ? -1 : 1));
  };
  const made = (events: StoredEvent[]): RegistryFact[] =>
    events
      .flatMap((e) => factChangesOf(e, blind))
      .flatMap((change) => (change.type === 'add' ? [change.fact] : []))
      .sort((a, b) => (a.factId < b.factId ? -1 : 1));
  const names = async () => (await db.reader.rows<{ name: string }>('SELECT name FROM resolution_names')).map((r) => r.name);

  const shop = 'shop-shopee:s1';
  const registered = () => event(shop, 'ShopRegistered', { platformId: 'shopee', shopId: 's1' });
  const owner = () =>
    event(
      shop,
      'ClaimAdded',
      {
        claimId: 'o',
        role: 'declared_owner',
        subject: { fullName: { folded: 'nguyen van an' }, nationalId: '001089012345' },
        verification: { method: 'vneid_level_2' },
        validFrom: '2026-01-01',
        validTo: null,
      },
      'key-owner',
    );
  const payout = () =>
    event(
      shop,
      'ClaimAdded',
      { claimId: 'p', role: 'payout_account', subject: { bankAccount: 'VCB:0011004455667' }, validFrom: null, validTo: null },
      'key-payout',
    );
  const attested = () =>
    event(
      'attestation-acct-1',
      'BankAccountHolderAttested',
      {
        recordId: 'acct-1',
        account: 'VCB:0011004455667',
        holder: { nationalId: '001085099999', fullName: { folded: 'hoang van duc' } },
        validFrom: '2024-01-01',
      },
      'key-acct',
    );
  const linked = () =>
    event('link-1', 'ShopsLinked', {
      role: 'platform',
      platformId: 'shopee',
      a: { platformId: 'shopee', shopId: 's1' },
      b: { platformId: 'shopee', shopId: 's2' },
    });

  it('reads back every fact the events make: shops, claims, attestations, links', async () => {
    const events = [registered(), owner(), payout(), attested(), linked()];
    await apply(events);
    expect(await stored()).toEqual(made(events));
  });

  it('stores each recorded time as its milliseconds (in 8 base-36 characters on PostgreSQL), and reads rows an earlier version stored with the ISO time or in base 36 as they were', async () => {
    const events = [registered(), owner(), payout(), attested(), linked()];
    await apply(events);
    const times = await db.reader.rows<{ recorded_at: number | string }>('SELECT DISTINCT recorded_at FROM resolution_facts');
    const ms = events.map((e) => Date.parse(e.recordedAt));
    expect(times.map((t) => t.recorded_at).sort()).toEqual([...new Set(ms)].map((time) => (db.dialect === 'sqlite' ? time : time.toString(36))).sort());
    await db.write((tx) => tx.run('UPDATE resolution_facts SET recorded_at = $1 WHERE added_at = $2', [events[1].recordedAt, events[1].position]));
    await db.write((tx) => tx.run('UPDATE resolution_facts SET recorded_at = $1 WHERE added_at = $2', [ms[2].toString(36), events[2].position]));
    expect(await db.reader.rows('SELECT DISTINCT recorded_at FROM resolution_facts WHERE added_at = $1', [events[1].position])).toEqual([
      { recorded_at: events[1].recordedAt },
    ]);
    expect(await stored()).toEqual(made(events));
  });

  it('ends a verified claim’s facts and starts them again with the new method, the others unchanged', async () => {
    const events = [registered(), owner()];
    await apply(events);
    const verified = event(shop, 'ClaimVerified', { claimId: 'o', verification: { method: 'document_check' } });
    await apply([verified]);
    const facts = await stored();
    const before = made(events).filter((f) => f.kind === 'shopIdentifier');
    expect(facts.filter((f) => f.kind === 'shopIdentifier' && f.removedAt === verified.position).map((f) => f.factId)).toEqual(before.map((f) => f.factId));
    const again = facts.filter((f) => f.addedAt === verified.position);
    expect(again.map((f) => f.provenance.verification)).toEqual(before.map(() => 'document_check'));
    // The claim's event stays the source of the facts started again: its position is stored with them, and only with them.
    const sources = await db.reader.rows<{ added_at: number | string; source_position: number | string }>(
      `SELECT f.added_at, f.source_position FROM resolution_facts f WHERE f.source_position IS NOT NULL`,
    );
    expect(sources.map((row) => [Number(row.added_at), Number(row.source_position)])).toEqual(before.map(() => [verified.position, events[1].position]));
    const read = await db.reader.rows<FactRow>(`${FACT_SELECT} WHERE f.added_at = $1`, [verified.position]);
    expect(read.map((row) => Number(row.source_position))).toEqual(before.map(() => events[1].position));
    expect(again.map((f) => ({ ...f, factId: '', addedAt: 0, provenance: { ...f.provenance, verification: 'vneid_level_2' } }))).toEqual(
      before.map((f) => ({ ...f, factId: '', addedAt: 0 })),
    );
  });

  it('erases the facts of an erased record and the blind indexes only they used; a key another record states stays', async () => {
    await apply([registered(), owner(), payout(), attested()]);
    await apply([event('erasure-1', 'PersonalDataErased', { keyIds: ['key-owner', 'key-payout'] })]);
    const facts = await stored();
    expect(facts.filter((f) => f.kind === 'shopIdentifier')).toEqual([]);
    const left = await names();
    expect(left).not.toContain(`nationalId:${blind('nationalId', '001089012345')}`);
    expect(left).not.toContain(`personName:${blind('personName', 'nguyen van an')}`);
    expect(left).toContain(`bankAccount:${blind('bankAccount', 'VCB:0011004455667')}`);
    expect(facts.filter((f) => f.kind === 'holderAttestation')).toHaveLength(1);
  });

  it('erases the facts of every claim sealed with a shared key: two payout accounts in the holder’s name', async () => {
    const second = event(
      shop,
      'ClaimAdded',
      { claimId: 'p2', role: 'payout_account', subject: { bankAccount: 'VCB:0011004455668' }, validFrom: null, validTo: null },
      'key-payout',
    );
    await apply([registered(), owner(), payout(), second]);
    await apply([event('erasure-1', 'PersonalDataErased', { keyIds: ['key-payout'] })]);
    const left = await names();
    expect(left).not.toContain(`bankAccount:${blind('bankAccount', 'VCB:0011004455667')}`);
    expect(left).not.toContain(`bankAccount:${blind('bankAccount', 'VCB:0011004455668')}`);
    expect((await stored()).filter((f) => f.kind === 'shopIdentifier').map((f) => f.provenance.sourceRef)).toEqual(
      made([owner()])
        .filter((f) => f.kind === 'shopIdentifier')
        .map((f) => f.provenance.sourceRef),
    );
  });
});
