import { Inject, Injectable } from '@nestjs/common';
import { SqlDatabase, checkpoints } from '@registry/event-store';
import { vietnamDateOf } from '@registry/shared-kernel';
import { ResolutionPolicy, ShopKey, resolveAt } from '../domain';
import { keyIdsAmong } from '../identity-graph/fact-table';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { readNeighbourhood } from './fact-neighbourhood';
import { RESOLUTION_POLICY } from './identity-graph.reader';

export interface OperatorGroup {
  readonly operatorId: string;
  readonly shops: readonly ShopKey[];
}

/** Shops walked from at once: one neighbourhood read covers all of them. */
const SHOPS_PER_WALK = 200;
const MAX_SHOPS = 5000;

/**
 * Which operator each shop belongs to, for other contexts (the tax office's operator figures): the
 * same walk and resolution as enforcement's reads, without the evidence, and not audited, because
 * no person is shown to anyone. Reads the graph as it stood at a position, judged on today's date.
 */
@Injectable()
export class OperatorMembership {
  constructor(
    private readonly db: SqlDatabase,
    @Inject(RESOLUTION_POLICY) private readonly policy: ResolutionPolicy,
  ) {}

  /** How far the identity graph has applied the log. */
  graphPosition(): Promise<number> {
    return checkpoints.read(this.db.reader, IDENTITY_GRAPH_PROJECTION);
  }

  /** The operator of each shop (and of every shop grouped with it) at the position; a shop the graph does not know is on its own. */
  async operatorsOf(shops: readonly ShopKey[], position: number): Promise<Map<ShopKey, OperatorGroup>> {
    const date = vietnamDateOf(new Date());
    const found = new Map<ShopKey, OperatorGroup>();
    const pending = [...new Set(shops)];
    for (let i = 0; i < pending.length; i += SHOPS_PER_WALK) {
      const start = pending.slice(i, i + SHOPS_PER_WALK).filter((shop) => !found.has(shop));
      if (start.length === 0) continue;
      const neighbourhood = await readNeighbourhood(this.db.reader, start, position, { policy: this.policy, maxShops: MAX_SHOPS, date });
      const graph = resolveAt(neighbourhood.facts, { position, date }, this.policy);
      for (const shop of start) {
        const operatorId = graph.operatorOf(shop);
        if (operatorId === undefined) {
          found.set(shop, { operatorId: `op:${shop}`, shops: [shop] });
          continue;
        }
        const group = { operatorId, shops: [...graph.shopsOf(operatorId)] };
        for (const member of group.shops) found.set(member, group);
      }
    }
    return found;
  }

  /**
   * Shops whose operator may differ between two positions: those named by a fact added in between
   * (they may have merged) and by a fact removed in between (they may have split from the shops
   * they were grouped with at `from`), and, for a fact about an identifier rather than a shop (a
   * holder attestation), the shops stating that identifier or that holder's ID, up to the hub
   * sample: a key stated by more is judged on that many, and the operators found from these shops
   * carry the rest of their shops with them.
   */
  async shopsTouchedBetween(from: number, to: number): Promise<{ added: ShopKey[]; removed: ShopKey[] }> {
    if (to <= from) return { added: [], removed: [] };
    const rows = await this.db.reader.rows<{ change: string; shop: string | null; shop_b: string | null; key1: string | null; key2: string | null }>(
      `SELECT c.change, c.shop, c.shop_b, k1.name AS key1, k2.name AS key2 FROM (
         SELECT 'added' AS change, shop, shop_b, key1, key2 FROM resolution_facts WHERE added_at > $1 AND added_at <= $2
         UNION ALL SELECT 'removed' AS change, shop, shop_b, key1, key2 FROM resolution_facts WHERE removed_at > $1 AND removed_at <= $2) c
       LEFT JOIN resolution_names k1 ON k1.id = c.key1 LEFT JOIN resolution_names k2 ON k2.id = c.key2`,
      [from, to],
    );
    const touched = { added: new Set<ShopKey>(), removed: new Set<ShopKey>() };
    const keys = { added: new Set<string>(), removed: new Set<string>() };
    for (const row of rows) {
      const change = row.change === 'removed' ? 'removed' : 'added';
      if (row.shop) touched[change].add(row.shop);
      if (row.shop_b) touched[change].add(row.shop_b);
      if (row.shop === null) for (const key of [row.key1, row.key2]) if (key) keys[change].add(key);
    }
    for (const change of ['added', 'removed'] as const) {
      for (const key of keys[change]) {
        const { among, params } = keyIdsAmong(this.db.reader.dialect, [key], 1);
        const stating = await this.db.reader.rows<{ shop: string }>(
          `SELECT DISTINCT shop FROM resolution_facts WHERE key1 ${among} AND shop IS NOT NULL LIMIT ${this.policy.hubSample + 1}`,
          params,
        );
        for (const { shop } of stating) touched[change].add(shop);
      }
    }
    return { added: [...touched.added], removed: [...touched.removed] };
  }
}
