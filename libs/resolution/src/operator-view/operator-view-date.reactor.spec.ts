import { SqlDatabase, eventStoreMigrations, checkpoints } from '@registry/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryConfig } from '@registry/platform';
import { FactLog, id } from '../domain/testing/fact-log';
import { CreateResolutionFacts1764400020000 } from '../identity-graph/1764400020000-create-resolution-facts';
import { IndexResolutionFactsByPosition1764400022000 } from '../identity-graph/1764400022000-index-resolution-facts-by-position';
import { LeanResolutionFacts1764400060000 } from '../identity-graph/1764400060000-lean-resolution-facts';
import { writeFacts } from '../identity-graph/fact-table';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { CreateOperatorView1764400050000 } from './1764400050000-create-operator-view';
import { OperatorViewDateReactor } from './operator-view-date.reactor';
import { OPERATOR_VIEW_PROJECTION, OperatorViewProjection } from './operator-view.projection';
import { operatorViewTables } from './operator-view.store';

/**
 * A payout account two shops share joins them until one shop's claim of it ends at midnight: no
 * event comes then, so the view moves to the new date by its date reactor.
 */
describe('operator view: a valid period that ends with no event', () => {
  let dir: string;
  let db: SqlDatabase;
  let today: string;
  let reactor: OperatorViewDateReactor;
  const projection = new OperatorViewProjection({ hubThreshold: null } as unknown as RegistryConfig);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'operator-view-date-'));
    db = await SqlDatabase.open(
      { dialect: 'sqlite', file: join(dir, 'view.sqlite') },
      {
        migrations: [
          ...eventStoreMigrations,
          CreateResolutionFacts1764400020000,
          IndexResolutionFactsByPosition1764400022000,
          CreateOperatorView1764400050000,
          LeanResolutionFacts1764400060000,
        ],
      },
    );
    const log = new FactLog();
    log.register('shopee:a');
    log.register('lazada:b');
    log.claim('shopee:a', 'payout_account', id('bankAccount', 'VCB:777'), { validTo: '2025-03-01' });
    log.claim('lazada:b', 'payout_account', id('bankAccount', 'VCB:777'));
    await db.write(async (tx) => {
      await writeFacts(
        tx,
        log.facts.map((fact) => ({ fact, source: fact.factId, dataKeyId: null, sourcePosition: fact.addedAt })),
      );
      for (const name of [IDENTITY_GRAPH_PROJECTION, OPERATOR_VIEW_PROJECTION]) await checkpoints.ensure(tx, name);
      await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, 0, log.lastPosition);
      await checkpoints.advance(tx, OPERATOR_VIEW_PROJECTION, 0, log.lastPosition);
      await projection.refresh(tx, '2025-03-01');
    });
    reactor = new OperatorViewDateReactor(db, projection, () => today);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const operatorIds = async () => [...(await operatorViewTables.operatorIdsOf(db.reader, ['shopee:a', 'lazada:b'])).values()];

  it('given the last day of the claim, the two shops are one operator, and the same date moves nothing', async () => {
    today = '2025-03-01';
    expect(await reactor.moveToToday()).toBe(false);
    const ids = await operatorIds();
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
  });

  it('when the date passes the end of the claim, the view moves to it and the shops part', async () => {
    today = '2025-03-02';
    expect(await reactor.moveToToday()).toBe(true);
    expect(await operatorViewTables.point(db.reader)).toMatchObject({ date: '2025-03-02' });
    const ids = await operatorIds();
    expect(new Set(ids).size).toBe(2);
    expect(await reactor.position()).toMatchObject({ details: { viewDate: '2025-03-02' } });
  });
});
