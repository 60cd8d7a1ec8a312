import { ShopKey } from '../domain';

/** What a judgement read: the shops of the samples, and every key they state (with the holders attested to those keys). */
export interface JudgementReads {
  readonly shops: ReadonlySet<ShopKey>;
  readonly keys: ReadonlySet<string>;
}

/** A key's verdict, the keys judged with it (the walk that judged it read the samples of them all), and what that read. */
export interface Judged {
  readonly hub: boolean;
  readonly judgedWith: readonly string[];
  readonly reads: JudgementReads;
}

/** What changed in the graph between two points: the shops the changed facts name, and the keys. */
export interface GraphChanges {
  readonly shops: ReadonlySet<ShopKey>;
  readonly keys: ReadonlySet<string>;
}

/**
 * Hub verdicts judged at one point of the identity graph (a position and a date), shared by the walks
 * made there. Judging a big key resolves its sample, and a refresh of the operator view walks the
 * same big operators several times: from each side of a change, in several walks, and again at the
 * next refresh. A walk that meets a key judged here reads what the judgement read (the samples of the
 * keys judged with it), so that its neighbourhood holds the facts it would have held, and takes their
 * verdicts instead of resolving them again.
 *
 * A verdict depends on nothing but the facts of the samples it was judged from, the attestations on
 * what they state and the listings of those keys (see Walk.judge): it holds at a later point where no
 * changed fact names one of those shops or keys (see `carriedTo`).
 */
export class HubVerdicts {
  private readonly judged = new Map<string, Judged>();
  /** The keys judged or taken here: only those are carried on, so that what is kept is what walks meet, not every key ever judged. */
  private readonly used = new Set<string>();

  constructor(
    readonly position: number,
    readonly date: string,
  ) {}

  /** The key's judgement, if it and every key judged with it are known here. */
  judgementOf(key: string): Judged | undefined {
    const judged = this.judged.get(key);
    if (!judged || !judged.judgedWith.every((other) => this.judged.has(other))) return undefined;
    this.used.add(key);
    return judged;
  }

  /** The verdicts of keys judged together, from the samples of all of them. */
  record(keys: readonly string[], isHub: (key: string) => boolean, reads: JudgementReads): void {
    for (const key of keys) {
      this.judged.set(key, { hub: isHub(key), judgedWith: keys, reads });
      this.used.add(key);
    }
  }

  /**
   * The verdicts judged or taken here that still hold at a later point, after the changes (no erasure
   * among them: it rewrites what was read), with the keys judged with each.
   */
  carriedTo(position: number, date: string, changes: GraphChanges): HubVerdicts {
    const carried = new HubVerdicts(position, date);
    const holds = new Map<JudgementReads, boolean>();
    const held = (judged: Judged) => {
      let untouched = holds.get(judged.reads);
      if (untouched === undefined) holds.set(judged.reads, (untouched = !touches(judged.reads, changes)));
      return untouched;
    };
    for (const key of this.used) {
      for (const other of this.judged.get(key)!.judgedWith) {
        const its = this.judged.get(other);
        if (its && held(its)) carried.judged.set(other, its);
      }
    }
    return carried;
  }
}

function touches(reads: JudgementReads, changes: GraphChanges): boolean {
  for (const shop of changes.shops) if (reads.shops.has(shop)) return true;
  for (const key of changes.keys) if (reads.keys.has(key)) return true;
  return false;
}
