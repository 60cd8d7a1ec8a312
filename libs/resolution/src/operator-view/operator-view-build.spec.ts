import { SqlDatabase, checkpoints } from '@registry/event-store';
import { RegistryConfig } from '@registry/platform';
import { DEFAULT_RESOLUTION_POLICY } from '../domain';
import { FactLog, id } from '../domain/testing/fact-log';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { eraseFacts } from '../identity-graph/fact-table';
import { openGraphDatabase, storeFacts } from '../testing/graph-database';
import { OperatorViewDateReactor } from './operator-view-date.reactor';
import { OPERATOR_VIEW_PROJECTION, OperatorViewProjection, POSITIONS_PER_MOVE } from './operator-view.projection';
import { OperatorViewBuilder } from './operator-view.builder';
import { operatorViewTables } from './operator-view.store';
import { everyKeyShopsAt } from './key-shops.sql';

/**
 * A build of the view from scratch takes minutes at a million shops. It goes in slices of 500
 * shops, each in a transaction of its own, so that writes go on between them, and hands the event
 * loop a turn between walks (on the embedded store every statement resolves at once).
 *
 * The market: 1,100 shops in pairs, shop n and shop n + 550 paid into one account, so that every
 * operator has a shop in an early slice and one in a later slice.
 */
describe('operator view: a build in slices', () => {
  const SHOPS = 1100;
  const HALF = SHOPS / 2;
  const date = '2025-01-15';
  const shopKey = (n: number) => `shopee:s${String(n).padStart(4, '0')}`;
  let db: SqlDatabase;
  let log: FactLog;

  beforeEach(async () => {
    db = await openGraphDatabase();
    log = new FactLog(date);
    for (let n = 0; n < SHOPS; n++) log.claim(shopKey(n), 'payout_account', id('bankAccount', `VCB:${n % HALF}`));
    await db.write(async (tx) => {
      await storeFacts(tx, log.facts);
      for (const name of [IDENTITY_GRAPH_PROJECTION, OPERATOR_VIEW_PROJECTION]) await checkpoints.ensure(tx, name);
      await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, 0, log.lastPosition);
    });
  });
  afterEach(async () => {
    await db.close();
  });

  const slice = (position: number) => db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).buildSlice({ position, date }));
  /** Shops by the operator the view gives them. */
  const operatorsInView = async () => {
    const rows = await db.reader.rows<{ shop: string; operator_id: string }>('SELECT shop, operator_id FROM operator_view_shops');
    const shops = new Map<string, string[]>();
    for (const row of rows) shops.set(row.operator_id, [...(shops.get(row.operator_id) ?? []), row.shop].sort());
    return [...shops.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  };
  /** The kept counts, and those one statement over every fact gives at the position. */
  const keptAndCounted = async (position: number) => {
    const numbers = (rows: Array<{ key: number | string; shops: number | string }>) => rows.map((row) => ({ key: Number(row.key), shops: Number(row.shops) }));
    const kept = await db.reader.rows<{ key: number; shops: number }>('SELECT key, shops FROM operator_view_key_shops ORDER BY key');
    const counted = await db.reader.rows<{ key: number; shops: number }>(`${everyKeyShopsAt('$1')} ORDER BY k.key`, [position]);
    return { kept: numbers(kept), counted: numbers(counted) };
  };
  /** The market's operators, as operatorsInView lists them, but for shops whose claim was erased. */
  const pairs = (erased: readonly number[] = []) =>
    Array.from({ length: HALF }, (_, n) => [n, n + HALF].filter((shop) => !erased.includes(shop)).map(shopKey)).sort((a, b) => (a[0] < b[0] ? -1 : 1));

  it('given the graph, each slice its own transaction, the view has no point until the last, then every operator whole', async () => {
    const first = await slice(log.lastPosition);
    expect(first).toEqual({ shops: 500, built: false });
    expect(await operatorViewTables.point(db.reader)).toBeNull();
    // The first slice's shops were written with their operators' other shops, of a later slice.
    expect((await operatorViewTables.operatorIdsOf(db.reader, [shopKey(HALF + 10)])).size).toBe(1);

    expect(await slice(log.lastPosition)).toEqual({ shops: 500, built: false });
    expect(await slice(log.lastPosition)).toEqual({ shops: 100, built: true });

    expect(await operatorViewTables.point(db.reader)).toEqual({ position: log.lastPosition, date });
    expect(await operatorsInView()).toEqual(pairs());
  }, 60_000);

  it('given a build under way, when an erasure comes past its point, the build begins again where the graph stands', async () => {
    const started = log.lastPosition;
    await slice(started);
    const erased = log.facts[HALF + 3];
    const erasedAt = log.remove(erased);
    await db.write(async (tx) => {
      await eraseFacts(tx, [erased.factId], erasedAt);
      await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, started, erasedAt);
    });

    const slices = [await slice(erasedAt), await slice(erasedAt), await slice(erasedAt)];

    expect(slices.map((s) => s.built)).toEqual([false, false, true]);
    expect(await operatorViewTables.point(db.reader)).toEqual({ position: erasedAt, date });
    expect(await operatorsInView()).toEqual(pairs([HALF + 3]));
  }, 60_000);

  describe('given more keys than a slice counts (every shop also paid into ten accounts of its own: 11,550 keys)', () => {
    let before: number;
    beforeEach(async () => {
      before = log.lastPosition;
      const own = Array.from({ length: SHOPS * 10 }, (_, n) => log.claim(shopKey(n % SHOPS), 'payout_account', id('bankAccount', `BIDV:${n}`)));
      await db.write(async (tx) => {
        await storeFacts(tx, own);
        await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, before, log.lastPosition);
      });
    });

    it('the shops are resolved first, then the keys counted in slices, and the counts are those counted at once', async () => {
      const at = log.lastPosition;
      const slices = [await slice(at), await slice(at), await slice(at)];
      expect(slices).toEqual([
        { shops: 500, built: false },
        { shops: 500, built: false },
        { shops: 100, built: false },
      ]);
      expect(await operatorViewTables.point(db.reader)).toBeNull();

      const counting: Array<{ shops: number; built: boolean }> = [];
      do counting.push(await slice(at));
      while (!counting[counting.length - 1].built);
      expect(counting.every((s) => s.shops === 0)).toBe(true);

      expect(await operatorViewTables.point(db.reader)).toEqual({ position: at, date });
      const { kept, counted } = await keptAndCounted(at);
      expect(kept).toHaveLength(SHOPS * 10 + HALF);
      expect(kept).toEqual(counted);
    }, 60_000);

    it('given the view built, a reset takes its point, and the next build empties it a slice at a time before it resolves', async () => {
      const at = log.lastPosition;
      for (let built = false; !built;) built = (await slice(at)).built;
      const before = { operators: await operatorsInView(), counts: await keptAndCounted(at) };

      await db.write((tx) => operatorViewTables.forget(tx));
      expect(await operatorViewTables.point(db.reader)).toBeNull();
      const slices: Array<{ shops: number; built: boolean }> = [];
      do slices.push(await slice(at));
      while (!slices[slices.length - 1].built);

      // 11,550 key counts, 5,000 rows a slice: two slices empty, the third empties the rest and resolves.
      expect(slices.slice(0, 3)).toEqual([
        { shops: 0, built: false },
        { shops: 0, built: false },
        { shops: 500, built: false },
      ]);
      expect(await operatorViewTables.point(db.reader)).toEqual({ position: at, date });
      expect(await operatorsInView()).toEqual(before.operators);
      expect(await keptAndCounted(at)).toEqual(before.counts);
    }, 60_000);

    it('an erasure while the keys are counted begins the build again', async () => {
      const at = log.lastPosition;
      for (let n = 0; n < 3; n++) await slice(at);
      const erased = log.facts[0];
      const erasedAt = log.remove(erased);
      await db.write(async (tx) => {
        await eraseFacts(tx, [erased.factId], erasedAt);
        await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, at, erasedAt);
      });

      expect(await slice(erasedAt)).toEqual({ shops: 500, built: false });
      for (let built = false; !built;) built = (await slice(erasedAt)).built;

      expect(await operatorViewTables.point(db.reader)).toEqual({ position: erasedAt, date });
      const { kept, counted } = await keptAndCounted(erasedAt);
      expect(kept).toEqual(counted);
      const operators = await operatorViewTables.operatorIdsOf(db.reader, [shopKey(0), shopKey(HALF)]);
      expect(new Set(operators.values()).size).toBe(2);
    }, 60_000);
  });

  describe('given a build past its first slice', () => {
    const projection = () => new OperatorViewProjection({ hubThreshold: null } as unknown as RegistryConfig);
    const buildRow = () => db.reader.rows<{ after_shop: string }>('SELECT after_shop FROM operator_view_build');
    beforeEach(async () => {
      await slice(log.lastPosition);
    });

    it('a batch leaves its shops to the steps, and a write made while a step resolves its slice goes first', async () => {
      const before = await buildRow();
      await db.write((tx) => projection().apply([], tx));
      expect(await buildRow()).toEqual(before);

      const order: string[] = [];
      const stepping = projection()
        .step(db, date)
        .then(() => order.push('step'));
      const writing = db.write((tx) => tx.run('SELECT 1')).then(() => order.push('write'));
      await Promise.all([stepping, writing]);

      expect(order).toEqual(['write', 'step']);
      expect(await buildRow()).not.toEqual(before);
    }, 60_000);

    it('a slice resolved before an erasure past the build is not written, and the build begins again', async () => {
      const prepared = await new OperatorViewBuilder(db.reader, DEFAULT_RESOLUTION_POLICY).prepareSlice();
      expect(prepared?.shops).toHaveLength(500);
      const erased = log.facts[HALF + 3];
      const erasedAt = log.remove(erased);
      const started = log.lastPosition - 1;
      await db.write(async (tx) => {
        await eraseFacts(tx, [erased.factId], erasedAt);
        await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, started, erasedAt);
      });

      const written = await db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).writeSlice(prepared!, { position: erasedAt, date }));

      expect(written).toBe(false);
      await projection().settle(db);
      expect((await operatorViewTables.point(db.reader))?.position).toBe(erasedAt);
      expect(await operatorsInView()).toEqual(pairs([HALF + 3]));
    }, 60_000);
  });

  it('given no batch comes, the date reactor works the build a slice a pass until the view has a point', async () => {
    const projection = new OperatorViewProjection({ hubThreshold: null } as unknown as RegistryConfig);
    const reactor = new OperatorViewDateReactor(db, projection, () => date);

    const passes = [await reactor.pass(), await reactor.pass(), await reactor.pass()];

    expect(passes).toEqual([{ more: true }, { more: true }, { more: false }]);
    expect(await operatorViewTables.point(db.reader)).toEqual({ position: log.lastPosition, date });
    expect(await operatorsInView()).toEqual(pairs());
  }, 60_000);

  it('given the view built, then 5,000 claims past its point (as registered while a build ran), the date reactor moves it a batch of positions a pass, to what a build there gives', async () => {
    const projection = new OperatorViewProjection({ hubThreshold: null } as unknown as RegistryConfig);
    const reactor = new OperatorViewDateReactor(db, projection, () => date);
    await projection.settle(db);
    const built = log.lastPosition;
    // Every 500th claim joins pair n to pair n + 1; the rest pay each shop into an account of its own.
    const claims = Array.from({ length: 5000 }, (_, n) =>
      n % 500 === 0
        ? log.claim(shopKey(n / 500), 'payout_account', id('bankAccount', `VCB:${n / 500 + 1}`))
        : log.claim(shopKey(n % SHOPS), 'payout_account', id('bankAccount', `BIDV:${n}`)),
    );
    await db.write(async (tx) => {
      await storeFacts(tx, claims);
      await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, built, log.lastPosition);
    });

    const moves: Array<{ more: boolean; position: number | undefined }> = [];
    do moves.push({ ...(await reactor.pass()), position: (await operatorViewTables.point(db.reader))?.position });
    while (moves[moves.length - 1].more);

    expect(moves).toEqual([
      { more: true, position: built + POSITIONS_PER_MOVE },
      { more: true, position: built + 2 * POSITIONS_PER_MOVE },
      { more: false, position: built + 5000 },
    ]);
    const moved = await operatorsInView();
    expect(moved.find((shops) => shops.includes(shopKey(0)))).toHaveLength(22);
    const { kept, counted } = await keptAndCounted(log.lastPosition);
    expect(kept).toEqual(counted);
    await db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).rebuild({ position: log.lastPosition, date }));
    expect(await operatorsInView()).toEqual(moved);
  }, 60_000);

  it('leaves the event loop a turn before it is done', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    await slice(log.lastPosition);
    order.push('slice');

    expect(order).toEqual(['turn', 'slice']);
  }, 60_000);
});
