/**
 * How an answer to "who runs each shop" is scored against the truth (docs/quality.md). Pure: labels
 * in, figures out.
 */

export interface PairScore {
  /** Pairs of shops run by one operator. */
  readonly truePairs: number;
  /** Pairs of shops the answer puts under one operator. */
  readonly joinedPairs: number;
  /** Pairs that are both. */
  readonly rightPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Of the joined pairs, the share run by different operators. */
  readonly falseJoins: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function sizes<T>(labels: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/**
 * Pairwise precision and recall over all pairs of shops, counted from the cluster sizes (no pair is
 * listed, so a million shops score as fast as a hundred). `truth[i]` and `answer[i]` label shop i.
 * With no pair joined, precision is 1 (nothing joined wrongly); with no true pair, recall is 1.
 */
export function scorePairs<T, U>(truth: readonly T[], answer: readonly U[]): PairScore {
  if (truth.length !== answer.length) throw new Error(`${truth.length} true labels for ${answer.length} answers`);
  const sum = (counts: Map<unknown, number>) => [...counts.values()].reduce((total, n) => total + pairs(n), 0);
  const truePairs = sum(sizes(truth));
  const joinedPairs = sum(sizes(answer));
  const rightPairs = sum(sizes(truth.map((label, i) => JSON.stringify([label, answer[i]]))));
  const precision = joinedPairs === 0 ? 1 : rightPairs / joinedPairs;
  const recall = truePairs === 0 ? 1 : rightPairs / truePairs;
  return {
    truePairs,
    joinedPairs,
    rightPairs,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    falseJoins: joinedPairs === 0 ? 0 : (joinedPairs - rightPairs) / joinedPairs,
  };
}

/** The share of shops whose answered controller is the true operator (no answer counts as wrong). */
export function scoreControllers(items: readonly { readonly truth: string; readonly answered: string | null }[]): number {
  if (items.length === 0) return 1;
  return items.filter((item) => item.answered === item.truth).length / items.length;
}

export interface FlagScore {
  readonly truePositives: number;
  readonly flagged: number;
  readonly positives: number;
  /** Of the flagged shops, the share truly flagged; 1 when nothing is flagged and nothing should be. */
  readonly precision: number;
  /** Of the shops that should be flagged, the share flagged; 1 when none should be. */
  readonly recall: number;
}

export function scoreFlags(items: readonly { readonly truth: boolean; readonly flagged: boolean }[]): FlagScore {
  const positives = items.filter((item) => item.truth).length;
  const flagged = items.filter((item) => item.flagged).length;
  const truePositives = items.filter((item) => item.truth && item.flagged).length;
  return {
    truePositives,
    flagged,
    positives,
    precision: flagged === 0 ? (positives === 0 ? 1 : 0) : truePositives / flagged,
    recall: positives === 0 ? 1 : truePositives / positives,
  };
}

/** Groups of items that share a key, transitively: the label of an item is the first item of its group. */
export function unionByKeys(keysOfItems: readonly (readonly string[])[]): number[] {
  const parent = keysOfItems.map((_, i) => i);
  const find = (item: number): number => {
    let i = item;
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstWith = new Map<string, number>();
  keysOfItems.forEach((keys, i) => {
    for (const key of keys) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, i);
      else {
        const [a, b] = [find(first), find(i)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  return keysOfItems.map((_, i) => find(i));
}
