import { EventStore, Sql } from '@registry/event-store';
import { shopsStating } from './fact-neighbourhood';
import { graphChanged } from './graph-changed';

/** Leads and hubs are counted up to this many shops; beyond it the answer says `moreThan`. */
export const COUNT_CAP = 100;

/** How many shops state each key at a position, counted up to COUNT_CAP + 1 (so that "more than" shows). */
export type ShopCounter = (keys: readonly string[], position: number) => Promise<Map<string, number>>;

/**
 * Counts as they were read (with a view row, see `ViewedOperator.keptCounts`), capped as kept counts
 * are; for keys they do not hold (none: they hold those the answer counts), those `otherwise` takes.
 */
export const countsFrom =
  (kept: ReadonlyMap<string, number>, otherwise: ShopCounter): ShopCounter =>
  (keys, position) =>
    keys.every((key) => kept.has(key))
      ? Promise.resolve(new Map(keys.map((key) => [key, Math.min(kept.get(key)!, COUNT_CAP + 1)])))
      : otherwise(keys, position);

/** Beyond this many positions between two reads, counting again costs less than making sure nothing changed. */
const MAX_SPAN_STEP = 10_000;
/** Keys remembered at most; beyond, the counts are forgotten and taken again. */
const MAX_KEYS = 100_000;

/**
 * The counts of the shops stating each key (the sizes of the leads and hubs an operator answer
 * shows), remembered between reads for as long as the identity graph does not change. A count at a
 * position depends only on the facts added and removed by then, so the counts taken at one position
 * hold at every position of a span in which no fact was added or removed and no personal data was
 * erased (an erasure deletes facts). The enforcement reads themselves append audit events, which
 * move the graph's position without changing the graph: a read at a position beyond the span asks
 * whether anything changed in between (index lookups on the facts' positions) and, if something
 * did, the counts are forgotten. The counts hold no personal data: blind-index keys and numbers.
 */
export class KeyCounts {
  private readonly counts = new Map<string, number>();
  /** Positions between which the graph did not change: the remembered counts hold at each of them. */
  private span: { from: number; to: number } | null = null;
  /** Moves on whenever the counts are forgotten, so that a count taken before is not remembered after. */
  private generation = 0;

  constructor(
    private readonly sql: Sql,
    private readonly store: EventStore,
  ) {}

  readonly count: ShopCounter = async (keys, position) => {
    const generation = await this.spanning(position);
    const found = new Map<string, number>();
    const missing: string[] = [];
    for (const key of keys) {
      const known = generation === null ? undefined : this.counts.get(key);
      if (known === undefined) missing.push(key);
      else found.set(key, known);
    }
    if (missing.length === 0) return found;
    const counted = await shopsStating(this.sql, missing, position, COUNT_CAP + 1);
    const remember = generation !== null && generation === this.generation;
    if (remember && this.counts.size + counted.size > MAX_KEYS) this.counts.clear();
    for (const [key, n] of counted) {
      found.set(key, n);
      if (remember) this.counts.set(key, n);
    }
    return found;
  };

  /**
   * Stretches the span to the position when the graph did not change in between, else starts a new
   * span there; the generation the counts at the position belong to, or null when the remembered
   * counts cannot serve it (a position before the span, or the counts forgotten meanwhile).
   */
  private async spanning(position: number): Promise<number | null> {
    const span = this.span;
    const generation = this.generation;
    if (span !== null && position >= span.from && position <= span.to) return generation;
    if (span !== null && position < span.from) return null;
    if (span !== null && position - span.to <= MAX_SPAN_STEP && !(await graphChanged(this.sql, this.store, span.to, position))) {
      // Meanwhile the span may have been stretched (same generation) or started again (then not this one's).
      if (this.generation !== generation || this.span === null) return null;
      this.span = { from: this.span.from, to: Math.max(this.span.to, position) };
      return generation;
    }
    this.counts.clear();
    this.span = { from: position, to: position };
    return ++this.generation;
  }
}
