import { ShopKey } from '../domain';
import { FactRow } from '../identity-graph/fact-table';
import { GraphChanges } from './hub-verdicts';

/** One key's shops as a walk lists them, in shop order: up to `limit` (the first `limit`, and whether that is all of them). */
export interface Listing {
  readonly shops: readonly ShopKey[];
  readonly complete: boolean;
  readonly limit: number;
}

/** The attestations on an identifier (`key1`) or naming a holder (`key2`). */
export type AttestedBy = 'key1' | 'key2';

/** Entries, shops and attestation rows kept between refreshes at most: beyond, the next one reads again what it needs (memory, not answers). */
const KEPT_AT_MOST = 250_000;

/**
 * What the walks read about keys at one point of the identity graph (a position and a date), shared
 * by the walks made there: each key's listing, and the attestations on it or naming it. A refresh of the operator view walks the same big operators again and again:
 * from each side of a change, and at the next refresh from the point this one ends at. On
 * PostgreSQL each step of a walk lists the shops of the keys it reached, and a live registration
 * stream growing an operator of a thousand shops spent most of its projector's time listing that
 * operator's keys again, batch after batch.
 *
 * A key's listing depends only on the facts stating it (and, for a person, on those stating what it
 * is attested to hold, and on those attestations), and the attestations on a key only on the facts
 * that name it: both hold at a later point where no changed fact names the key or, for a holder,
 * what it holds (see `carriedTo`, and `touched` in the builder, which adds the holders attested to
 * a changed key). Most keys have no attestation: a walk asked about each key it met, in a round trip
 * a step, and a thousand-shop operator's walks asked 230 times a batch.
 */
export class KeyListings {
  private readonly listed = new Map<string, Listing>();
  /** The keys listed or taken here: only those are carried on (see HubVerdicts). */
  private readonly used = new Set<string>();
  /** The attestation rows read here, by `key1|…` or `key2|…`. */
  private readonly attested = new Map<string, readonly FactRow[]>();
  private readonly attestedUsed = new Set<string>();

  constructor(
    readonly position: number,
    readonly date: string,
  ) {}

  /** The key's listing made here, if it holds at least the first `limit` shops (or all of them). */
  of(key: string, limit: number): Listing | undefined {
    const listing = this.listed.get(key);
    if (!listing || (!listing.complete && listing.limit < limit)) return undefined;
    this.used.add(key);
    return listing;
  }

  record(key: string, listing: Listing): void {
    this.used.add(key);
    const known = this.listed.get(key);
    if (known && (known.complete || known.limit >= listing.limit)) return;
    this.listed.set(key, listing);
  }

  /** The attestations on the key (`key1`) or naming it (`key2`) read here, if they were. */
  attestationsOf(by: AttestedBy, key: string): readonly FactRow[] | undefined {
    const rows = this.attested.get(`${by}|${key}`);
    if (rows) this.attestedUsed.add(`${by}|${key}`);
    return rows;
  }

  recordAttestations(by: AttestedBy, key: string, rows: readonly FactRow[]): void {
    this.attested.set(`${by}|${key}`, rows);
    this.attestedUsed.add(`${by}|${key}`);
  }

  /** What the next refresh, from this point, may take: all of it, unless it is too much to keep. */
  kept(): KeyListings {
    return size(this.listed.values(), this.attested.values()) <= KEPT_AT_MOST ? this : new KeyListings(this.position, this.date);
  }

  /**
   * What was listed or read here, and taken, that still holds at a later point: that of the keys no
   * change names (no erasure among the changes: it deletes rows). None when it is too much to keep.
   */
  carriedTo(position: number, date: string, changes: GraphChanges): KeyListings {
    const carried = new KeyListings(position, date);
    for (const key of this.used) if (!changes.keys.has(key)) carried.listed.set(key, this.listed.get(key)!);
    for (const read of this.attestedUsed) if (!changes.keys.has(read.slice(read.indexOf('|') + 1))) carried.attested.set(read, this.attested.get(read)!);
    return carried.kept();
  }
}

/** An entry each, and its shops or rows. */
function size(listings: Iterable<Listing>, attested: Iterable<readonly FactRow[]>): number {
  let total = 0;
  for (const listing of listings) total += 1 + listing.shops.length;
  for (const rows of attested) total += 1 + rows.length;
  return total;
}
