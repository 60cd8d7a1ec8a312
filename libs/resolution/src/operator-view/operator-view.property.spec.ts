import { SqlDatabase } from '@registry/event-store';
import fc from 'fast-check';
import { RegistryFact, operatorOfShop } from '../domain';
import { eraseFacts } from '../identity-graph/fact-table';
import { FactLog } from '../domain/testing/fact-log';
import { SHOPS, START, Step, policy, step, write } from '../domain/testing/random-fact-steps';
import { readNeighbourhood } from '../reading/fact-neighbourhood';
import { resolveWalked } from '../reading/identity-graph.reader';
import { countsFrom } from '../reading/key-counts';
import { countLeads, countStated } from '../reading/lead-counts';
import { unpackAnswer } from './answer.codec';
import { keptShopCounts } from './key-shops.sql';
import { HubsAt, OperatorViewBuilder } from './operator-view.builder';
import { ViewPoint, operatorViewTables } from './operator-view.store';
import { countShopsIn, marketsToTry, openGraphDatabase, storeFacts } from '../testing/graph-database';

/**
 * The operator view is kept batch by batch; whatever the facts, however they are cut into batches
 * and however the date moves between them, and whatever erasures delete from the graph on the way,
 * each shop's answer in the view must be the one a walk of the graph gives at the view's point, and
 * the view kept so must be the view built from scratch there.
 */
describe('the operator view, kept batch by batch', () => {
  let db: SqlDatabase;

  beforeAll(async () => {
    db = await openGraphDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const store = (facts: readonly RegistryFact[]) =>
    db.write(async (tx) => {
      for (const table of ['resolution_facts', 'resolution_data_keys', 'resolution_erasures']) await tx.run(`DELETE FROM ${table}`);
      await operatorViewTables.clear(tx);
      await storeFacts(tx, facts);
    });

  /** Moves the view to the point, told the hubs the refresh before found where it left the view, as the projection does. */
  const refresh = (point: ViewPoint, known: HubsAt | null) => db.write((tx) => new OperatorViewBuilder(tx, policy, known).refresh(point));

  /** What a read of the shop at the point shows before statuses and clear values, as JSON gives it back. */
  async function walked(shop: string, point: ViewPoint) {
    const neighbourhood = await readNeighbourhood(db.reader, [shop], point.position, { policy, maxShops: 1000, date: point.date });
    const graph = resolveWalked(neighbourhood, point, policy);
    const found = operatorOfShop(graph, shop);
    return found ? JSON.parse(JSON.stringify(await countLeads(countShopsIn(db.reader), graph, found, point.position))) : null;
  }

  /** Nothing but the view's own counts may size the leads and hubs of its answers here. */
  const notKept = (): never => {
    throw new Error('the view does not stand at the point it answered at');
  };

  /** What a read of the shop from the view shows before statuses and clear values: the kept answer, sized by the view's counts. */
  async function viewed(shop: string) {
    const read = await operatorViewTables.operatorOf(db.reader, shop);
    if (!read?.operator) return null;
    const { answer, keptCounts } = read.operator;
    const byName = await countStated(keptShopCounts(db.reader, notKept), { ...answer, asOf: read.point }, read.point.position);
    // The counts read with the row, by the numbers of its keys, are the view's counts by name.
    expect(keptCounts).toBeDefined();
    expect(await countStated(countsFrom(keptCounts!, notKept), { ...answer, asOf: read.point }, read.point.position)).toEqual(byName);
    return JSON.parse(JSON.stringify(byName));
  }

  /** The whole view, each operator's answer without the point it was last resolved at, and its counts by key. */
  async function snapshot() {
    const operators = await db.reader.rows<{ operator_id: string; answer: Buffer; source_positions: string }>(
      'SELECT operator_id, answer, source_positions FROM operator_view_operators ORDER BY operator_id',
    );
    const shops = await db.reader.rows('SELECT shop, operator_id FROM operator_view_shops ORDER BY shop');
    const counts = await db.reader.rows('SELECT n.name, k.shops FROM operator_view_key_shops k JOIN resolution_names n ON n.id = k.key ORDER BY n.name');
    return { operators: operators.map((o) => ({ ...o, answer: { ...(unpackAnswer(o.answer) as object), asOf: null } })), shops, counts };
  }

  /** A fact is never recorded after the day the registry reads it at. */
  const recordedBy = (next: Step, date: string): Step =>
    'options' in next && next.options.recordedOn !== undefined && next.options.recordedOn > date
      ? { ...next, options: { ...next.options, recordedOn: date } }
      : next;

  /** Now and then, after a step, the erasure of one of the facts written so far (picked by number). */
  const erasure = fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() });

  /**
   * Writes the steps, keeps the view batch by batch (erasing as told) and compares it with the walk at
   * each point and with a rebuild. Returns how many shops each move of the view resolved again.
   */
  async function keepAndCompare(steps: readonly (readonly [Step, boolean, number | null])[]): Promise<number[]> {
    const log = new FactLog();
    let date = START;
    const ends: ViewPoint[] = [];
    // An erasure is an event at its own position, which deletes the fact from the graph there.
    const erasures: { position: number; factId: string }[] = [];
    for (const [next, endsBatch, erase] of steps) {
      date = write(log, date, recordedBy(next, date));
      if (erase !== null && log.facts.length > 0) {
        const fact = log.facts[erase % log.facts.length];
        erasures.push({ position: log.remove(fact), factId: fact.factId });
      }
      if (endsBatch) ends.push({ position: log.lastPosition, date });
    }
    ends.push({ position: log.lastPosition, date });
    await store(log.facts);
    let hubs: HubsAt | null = null;
    const resolved: number[] = [];
    for (const point of ends) {
      const due = erasures.filter((e) => e.position <= point.position);
      erasures.splice(0, due.length);
      await db.write(async (tx) => {
        for (const { position, factId } of due) await eraseFacts(tx, [factId], position);
      });
      const moved = await refresh(point, hubs);
      hubs = moved.hubs;
      resolved.push(moved.shops);
      for (const shop of SHOPS) expect([shop, await viewed(shop)]).toEqual([shop, await walked(shop, point)]);
    }
    const kept = await snapshot();
    await db.write((tx) => new OperatorViewBuilder(tx, policy).rebuild(ends[ends.length - 1]));
    expect(kept).toEqual(await snapshot());
    return resolved;
  }

  it('answers every shop as the walk does at its point, and equals the view built from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, fc.boolean(), erasure), { minLength: 1, maxLength: 40, size: 'max' }), async (steps) => {
        await keepAndCompare(steps);
      }),
      { numRuns: marketsToTry(60) },
    );
    // 60 markets of up to 40 steps: seconds on SQLite, more on a busy machine (the builder gives the
    // event loop turns, so Jest's timer does fire); on PostgreSQL 20 took about 50 s on a slow one.
  }, 300_000);

  // Issue 12: shops with owners of their own, all named alike and paid into one collection account
  // (a hub). Erasing one owner left the name to the others, and the view resolved every shop stating
  // it again: seconds of projection lag for one erasure among 20,000 such shops.
  it('resolves again only the erased shop, not every shop whose owner bears the same name, when one owner is erased', async () => {
    const always = { validFrom: null, validTo: null, recordedOn: START };
    const owned = SHOPS.flatMap((shop): [Step, boolean, number | null][] => [
      [{ do: 'claim', shop, role: 'declared_owner', identifier: { kind: 'nationalId', value: `id-${shop}` }, options: always }, false, null],
      [{ do: 'claim', shop, role: 'declared_owner', identifier: { kind: 'personName', value: 'm1' }, options: always }, false, null],
      [{ do: 'claim', shop, role: 'payout_account', identifier: { kind: 'bankAccount', value: 'b1' }, options: always }, false, null],
    ]);
    /** shopee:a's name is fact 2 (the second written): its owner's erasure leaves the name to the other shops. */
    const erasedName: [Step, boolean, number | null] = [{ do: 'advance', days: 0 }, false, 1];
    const resolved = await keepAndCompare([...owned.slice(0, -1), [owned[owned.length - 1][0], true, null], erasedName]);
    // The erased shop, and the one shop the name is walked from to see whether the erasure joined or split anything.
    expect(resolved[resolved.length - 1]).toBeLessThanOrEqual(2);
  });

  // The same shops, and one of them erased whole: its payout claim on the shared account goes with
  // it. No attestation was erased, so no other shop's answer showed an erased event: the account is
  // walked from one of its shops, not every shop paid into it resolved again.
  it('resolves again only the erased shop, not every shop paid into the same account, when a payout claim on it is erased', async () => {
    const always = { validFrom: null, validTo: null, recordedOn: START };
    const owned = SHOPS.flatMap((shop): [Step, boolean, number | null][] => [
      [{ do: 'claim', shop, role: 'declared_owner', identifier: { kind: 'nationalId', value: `id-${shop}` }, options: always }, false, null],
      [{ do: 'claim', shop, role: 'payout_account', identifier: { kind: 'bankAccount', value: 'b1' }, options: always }, false, null],
    ]);
    /** shopee:a's payout claim is fact 2 (the second written). */
    const erasedPayout: [Step, boolean, number | null] = [{ do: 'advance', days: 0 }, false, 1];
    const resolved = await keepAndCompare([...owned.slice(0, -1), [owned[owned.length - 1][0], true, null], erasedPayout]);
    expect(resolved[resolved.length - 1]).toBeLessThanOrEqual(2);
  });

  // Found by review: after a build the view moves a batch at a time, so the graph can be ahead of it,
  // and an erasure there deletes rows the refresh before read. The refresh to a point before the
  // erasure must not carry them: here the link between two shops, erased ahead of the view, would
  // still join the shop described from carried rows to the other, which a walk no longer reaches.
  it('carries nothing the refresh before read across an erasure ahead of the view', async () => {
    const log = new FactLog();
    log.register('shopee:a');
    log.register('tiki:b');
    const built = { position: log.lastPosition, date: START };
    const link = log.link('shopee:a', 'tiki:b');
    const first = { position: log.lastPosition, date: START };
    log.claim('tiki:b', 'contact', { kind: 'phone', value: '0901' });
    const second = { position: log.lastPosition, date: START };
    const erasedAt = log.remove(link);
    await store(log.facts);
    // Built, then moved by a refresh whose walks read both shops' facts, the link among them.
    const known = (await refresh(first, (await refresh(built, null)).hubs)).hubs;
    expect(known.facts).not.toBeNull();
    expect((await viewed('shopee:a')).shops).toHaveLength(2);
    await db.write((tx) => eraseFacts(tx, [link.factId], erasedAt));
    await refresh(second, known);
    for (const shop of ['shopee:a', 'tiki:b']) expect([shop, await viewed(shop)]).toEqual([shop, await walked(shop, second)]);
  });

  // Found by the property (seed -2102597657, 150 runs): a new shop's claim on an account attested to
  // a holder makes the holder a hub; the walk from that shop at the old point meets nothing, so the
  // shops joined through the holder must be found from the holder's side. The erasure of that claim
  // unmakes the hub, with no shop left on the account to walk from.
  describe('a claim on an account attested to a holder that other shops reach through the holder', () => {
    const always = { validFrom: null, validTo: null, recordedOn: START };
    const b1 = { kind: 'bankAccount', value: 'b1' } as const;
    const b2 = { kind: 'bankAccount', value: 'b2' } as const;
    const joinedThroughTheHolder: [Step, boolean, number | null][] = [
      [{ do: 'attest', identifier: b2, holder: { nationalId: 'h2' }, options: always }, false, null],
      [{ do: 'claim', shop: 'shopee:a', role: 'payout_account', identifier: b1, options: always }, false, null],
      [{ do: 'attest', identifier: b1, holder: { nationalId: 'h2' }, options: always }, false, null],
      [{ do: 'payout', shop: 'tiktok:i', account: b1, holder: 0, options: always }, false, null],
      [{ do: 'kyc', shop: 'shopee:a', role: 'declared_owner', person: 0, options: always }, true, null],
    ];
    /** tiki:f's claim on b2 is fact 10: f1 to f9 are the steps above. */
    const claimedByANewShop: [Step, boolean, number | null] = [
      { do: 'claim', shop: 'tiki:f', role: 'payout_account', identifier: b2, options: always },
      true,
      null,
    ];

    it('resolves again the shops joined through the holder the claim makes a hub', async () => {
      await keepAndCompare([
        ...joinedThroughTheHolder,
        claimedByANewShop,
        [{ do: 'claim', shop: 'shopee:a', role: 'declared_owner', identifier: { kind: 'nationalId', value: 'n1' }, options: always }, false, null],
      ]);
    });

    it('resolves them again when the erasure of the claim unmakes the hub', async () => {
      await keepAndCompare([...joinedThroughTheHolder, claimedByANewShop, [{ do: 'register', shop: 'sendo:g' }, false, 9]]);
    });
  });
});
