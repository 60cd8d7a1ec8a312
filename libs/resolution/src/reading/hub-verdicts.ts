import { ShopKey } from '../domain';

/** What a judgement read: the shops of the samples, and every key they state (with the holders attested to those keys). */
export interface JudgementReads {
  readonly shops: ReadonlySet<ShopKey>;
  readonly keys: ReadonlySet<string>;
}

/**
 * Keys judged together: each one's verdict, from the samples of them all, and what that read. A
 * walk that takes one of them reads the samples of every key here and takes their verdicts from here.
 */
export interface Judgement {
  readonly verdicts: ReadonlyMap<string, boolean>;
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
  /** Each key's latest judgement at this point. */
  private readonly judged = new Map<string, Judgement>();
  /** The keys judged or taken here: only those are carried on, so that what is kept is what walks meet, not every key ever judged. */
  private readonly used = new Set<string>();

  constructor(
    readonly position: number,
    readonly date: string,
  ) {}

  /** The judgement the key was last judged in here, if any. */
  judgementOf(key: string): Judgement | undefined {
    const judgement = this.judged.get(key);
    if (judgement) this.used.add(key);
    return judgement;
  }

  /** Keys judged together, each with its verdict, from the samples of all of them. */
  record(verdicts: ReadonlyMap<string, boolean>, reads: JudgementReads): void {
    const judgement = { verdicts, reads };
    for (const key of verdicts.keys()) {
      this.judged.set(key, judgement);
      this.used.add(key);
    }
  }

  /**
   * The judgements of the keys judged or taken here that still hold at a later point, after the
   * changes (no erasure among them: it rewrites what was read).
   */
  carriedTo(position: number, date: string, changes: GraphChanges): HubVerdicts {
    const carried = new HubVerdicts(position, date);
    // Judgements made together share what they read: each is checked against the changes once.
    const holds = new Map<JudgementReads, boolean>();
    for (const key of this.used) {
      const judgement = this.judged.get(key)!;
      let held = holds.get(judgement.reads);
      if (held === undefined) holds.set(judgement.reads, (held = !touches(judgement.reads, changes)));
      if (held) carried.judged.set(key, judgement);
    }
    return carried;
  }
}

function touches(reads: JudgementReads, changes: GraphChanges): boolean {
  for (const shop of changes.shops) if (reads.shops.has(shop)) return true;
  for (const key of changes.keys) if (reads.keys.has(key)) return true;
  return false;
}
