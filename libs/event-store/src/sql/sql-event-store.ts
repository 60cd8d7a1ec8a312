import { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from '../envelope';
import { ConcurrencyError, EventIdConflictError } from '../errors';
import { AppendRequest, BatchHandler, EventStore, SubscribeOptions, Subscription, TypesPage } from '../event-store.port';
import { validateAppend } from '../validate-append';
import { AppendSignal } from '../subscription/append-signal';
import { catchUpSubscription } from '../subscription/catch-up-subscription';
import { nextTurn } from '../subscription/next-turn';
import { Sql } from './sql';
import { SqlDatabase } from './sql-database';
import { EventRow, ReadRow, eventRowsSql } from './event-rows';
import { EventCodec, plainEvents } from '../event-codec';
import { StreamReads } from './stream-reads';

interface PendingAppend extends AppendRequest {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = AppendResult | Error;

/** What one append in a grouped transaction comes to: an outcome now, rows to insert, or the same as an earlier append. */
type Plan = { outcome: Outcome } | { rows: EventRow[]; currentVersion: number } | { sameAs: number };

/** Appends queued while a transaction is under way join the next one, up to this many events. */
const MAX_EVENTS_PER_TRANSACTION = 2000;
/**
 * PostgreSQL: from this many events queued at once, they go in two transactions (see takeBatch).
 * Below it a commit costs more than the rows, and fewer commits are cheaper.
 */
const SPLIT_FROM_EVENTS = 400;
/** Streams whose versions SQLite appends remember (the oldest is forgotten first). */
const MAX_KNOWN_STREAMS = 50_000;
/** Streams looked up per statement when bringing many folded states up to date. */
const STREAMS_PER_QUERY = 500;

/**
 * The event store on SQL (SQLite or PostgreSQL), through SqlDatabase.
 *
 * Appends are serialised: one transaction at a time in this process (concurrent appends are
 * grouped into it), and on PostgreSQL a transaction-scoped advisory lock across processes.
 * Positions therefore grow in commit order, so a reader that follows the highest position it
 * has seen never skips an event committed late (the sequence-gap hazard of concurrent writers).
 */
export class SqlEventStore extends EventStore {
  private readonly pending: PendingAppend[] = [];
  /** A turn of the event loop is awaited before the next grouped transaction starts. */
  private turnAwaited = false;
  /** Grouped transactions under way, and the streams they append to (none is in two at once). */
  private readonly groups = new Set<Promise<void>>();
  private readonly streamsUnderWay = new Set<string>();
  /** How many grouped transactions may be under way at once: see `takeBatch`. */
  private readonly maxGroups: number;
  private readonly rows: ReturnType<typeof eventRowsSql>;
  /**
   * SQLite: the version each stream was seen to reach by this store's own committed appends.
   * Versions only grow, so an append that expects at most the version known here needs no
   * guard in SQL: the unique indexes on (stream, version) and on id refuse a stream that moved
   * on or an id stored already, and the general path then tells which it was. On PostgreSQL
   * the guard runs inside append_events, where it costs no round trip.
   */
  private readonly knownVersions: Map<string, number> | null;
  /** On PostgreSQL the append lock goes in the same round trip as BEGIN. */
  private readonly afterBegin: string | undefined;
  /**
   * On PostgreSQL the stream reads of a turn share a statement (see StreamReads). SQLite answers a
   * statement without a round trip, so each read is its own there.
   */
  private readonly streamReads: StreamReads | null;

  constructor(
    private readonly db: SqlDatabase,
    readonly signal: AppendSignal = new AppendSignal(),
    private readonly codec: EventCodec = plainEvents,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
    this.rows = eventRowsSql(db.dialect);
    this.afterBegin = db.dialect === 'postgres' ? this.rows.lockAppends : undefined;
    this.knownVersions = db.dialect === 'sqlite' ? new Map() : null;
    this.maxGroups = db.dialect === 'postgres' ? 2 : 1;
    this.streamReads = db.dialect === 'postgres' ? new StreamReads((streams) => db.reader.rows<ReadRow>(this.rows.selectStreams, [streams])) : null;
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    try {
      validateAppend(stream, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ stream, events, expected, resolve, reject });
      this.flush();
    });
  }

  /** Its own transaction, taken like a queued append's; followers hear of the events after the commit. */
  async appendAll(appends: readonly AppendRequest[]): Promise<AppendResult[]> {
    for (const { stream, events, expected } of appends) validateAppend(stream, events, expected);
    const { results, appended } = await this.db.writeDeferred(
      async (tx) => {
        const { outcomes, appended } = await this.appendBatch(tx, appends, true, tx.last);
        return { results: allOrFirstError(outcomes), appended };
      },
      { afterBegin: this.afterBegin },
    );
    this.rememberVersions(appends, results);
    if (appended > 0) this.signal.notify(appended);
    return results;
  }

  /**
   * Several streams in the caller's transaction, in one go (one lookup of data keys, one guarded
   * INSERT): all of them or, on the first mismatch, a ConcurrencyError and none once the caller
   * rolls back.
   */
  async appendAllWithin(tx: Sql, appends: readonly AppendRequest[]): Promise<AppendResult[]> {
    for (const { stream, events, expected } of appends) validateAppend(stream, events, expected);
    const { outcomes } = await this.appendBatch(tx, appends, false);
    const results = allOrFirstError(outcomes);
    setImmediate(() => this.signal.notify(results.reduce((n, r) => n + r.positions.length, 0)));
    return results;
  }

  async readStream(stream: string, fromVersion = 1): Promise<StoredEvent[]> {
    const rows = this.streamReads
      ? await this.streamReads.read(stream, fromVersion)
      : await this.db.reader.rows<ReadRow>(this.rows.selectStream, [stream, fromVersion]);
    return this.codec.decode(rows.map(this.rows.toStoredEvent));
  }

  async readStreamsAfter(versions: ReadonlyMap<string, number>): Promise<StoredEvent[]> {
    const positions: number[] = [];
    const streams = [...versions.keys()];
    for (let start = 0; start < streams.length; start += STREAMS_PER_QUERY) {
      const rows = await this.rows.loadStreamPositions(this.db.reader, streams.slice(start, start + STREAMS_PER_QUERY));
      for (const row of rows) if (row.version > (versions.get(row.stream) ?? 0)) positions.push(row.position);
    }
    return positions.length > 0 ? this.readPositions(positions) : [];
  }

  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    const unique = [...new Set(positions)];
    const found: StoredEvent[] = [];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await this.db.reader.rows<ReadRow>(...this.rows.selectPositions(chunk));
      found.push(...(await this.codec.decode(rows.map(this.rows.toStoredEvent))));
    }
    return found.sort((a, b) => a.position - b.position);
  }

  /** Positions found by a plain scan of the types, then only those events read and decoded (the rest of the log, personal data included, is not). */
  async readTypesAfter(types: readonly string[], after: number, upTo: number, limit: number): Promise<TypesPage> {
    if (upTo <= after) return { events: [], scannedTo: after };
    const rows = await this.db.reader.rows<{ position: number | string }>(
      `SELECT position FROM events WHERE position > $1 AND position <= $2 AND type IN (${types.map((_, i) => `$${i + 4}`).join(', ')}) ORDER BY position LIMIT $3`,
      [after, upTo, limit, ...types],
    );
    const positions = rows.map((r) => Number(r.position));
    const events = positions.length > 0 ? await this.readPositions(positions) : [];
    return { events, scannedTo: positions.length === limit ? positions[positions.length - 1] : upTo };
  }

  /**
   * Positions grow with recorded time (appends are serialised, each stamped when it is written), so
   * the newest position recorded at or before a time is found by a binary search over positions,
   * a few dozen lookups by primary key, without an index on the time (issue 12). Gaps in positions
   * are skipped by looking at the first event at or after the middle.
   */
  async positionAt(time: string): Promise<number> {
    const [bounds] = await this.db.reader.rows<{ low: number | string | null; high: number | string | null }>(
      // Two subqueries: SQLite reads a lone MIN or MAX off the primary key, both in one SELECT by a scan.
      'SELECT (SELECT MIN(position) FROM events) AS low, (SELECT MAX(position) FROM events) AS high',
    );
    let low = Number(bounds?.low ?? 1);
    let high = Number(bounds?.high ?? 0);
    let found = 0;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const [row] = await this.db.reader.rows<{ position: number | string; recorded: number | boolean }>(
        this.rows.firstFrom,
        this.rows.firstFromParams(middle, time),
      );
      const position = Number(row?.position ?? Number.POSITIVE_INFINITY);
      if (position > high || !row.recorded) high = middle - 1;
      else {
        found = position;
        low = position + 1;
      }
    }
    return found;
  }

  async readAll(fromPosition: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.reader.rows<ReadRow>(this.rows.selectAll, [fromPosition, limit]);
    return this.codec.decode(rows.map(this.rows.toStoredEvent));
  }

  async headPosition(): Promise<number> {
    const [row] = await this.db.reader.rows<{ head: number | string | null }>('SELECT MAX(position) AS head FROM events');
    return Number(row?.head ?? 0);
  }

  subscribe(handler: BatchHandler, options: SubscribeOptions): Subscription {
    return catchUpSubscription((from, limit) => this.readAll(from, limit), this.signal, handler, options);
  }

  async close(): Promise<void> {
    while (this.turnAwaited || this.groups.size > 0) {
      await nextTurn();
      await Promise.all(this.groups);
    }
  }

  private flush(): void {
    if (this.turnAwaited || this.groups.size >= this.maxGroups) return;
    // The first transaction starts after the current turn of the event loop, so that the appends
    // made meanwhile join it: on SQLite every statement runs synchronously, so without the wait a
    // request's append would commit alone before the next request is even parsed (each
    // enforcement read appends an audit event: one commit and one projection pass per read).
    this.turnAwaited = true;
    setImmediate(() => {
      this.turnAwaited = false;
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.groups.size < this.maxGroups && this.pending.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const streams = new Set(batch.map((append) => append.stream));
      streams.forEach((stream) => this.streamsUnderWay.add(stream));
      const group: Promise<void> = this.appendGroup(batch).finally(() => {
        streams.forEach((stream) => this.streamsUnderWay.delete(stream));
        this.groups.delete(group);
        if (this.pending.length > 0) this.flush();
      });
      this.groups.add(group);
    }
  }

  private async appendGroup(batch: PendingAppend[]): Promise<void> {
    try {
      const { outcomes, appended } = await this.db.writeDeferred((tx) => this.appendBatch(tx, batch, true, tx.last), { afterBegin: this.afterBegin });
      this.rememberVersions(batch, outcomes);
      outcomes.forEach((outcome, i) => (outcome instanceof Error ? batch[i].reject(outcome) : batch[i].resolve(outcome)));
      if (appended > 0) this.signal.notify(appended);
    } catch (error) {
      batch.forEach((append) => append.reject(error));
    }
  }

  /** Versions this store saw committed (not those of a caller's transaction, which may yet roll back). */
  private rememberVersions(requests: readonly AppendRequest[], outcomes: readonly Outcome[]): void {
    const known = this.knownVersions;
    if (known === null) return;
    requests.forEach(({ stream }, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error || outcome.nextVersion <= (known.get(stream) ?? 0)) return;
      if (!known.has(stream) && known.size >= MAX_KNOWN_STREAMS) known.delete(known.keys().next().value as string);
      known.set(stream, outcome.nextVersion);
    });
  }

  /**
   * The appends of the next grouped transaction, in the order they were made, up to
   * MAX_EVENTS_PER_TRANSACTION events; none of a stream that a transaction under way appends to
   * (nor any later one of that stream), so that a stream's appends still commit in order.
   *
   * PostgreSQL: two transactions may be under way, one holding the append lock while the other
   * is sent and its rows parsed, waiting for the lock (positions still follow commit order: each
   * takes them under the lock, which it holds until it has committed). So that the second has
   * something to do while the first inserts, many events queued at once (writers that all wait
   * for one transaction) are split into two halves.
   */
  private takeBatch(): PendingAppend[] {
    const queued = this.pending.reduce((n, append) => n + append.events.length, 0);
    const split = this.groups.size === 0 && this.maxGroups > 1 && queued >= SPLIT_FROM_EVENTS;
    const limit = split ? Math.ceil(queued / 2) : MAX_EVENTS_PER_TRANSACTION;
    const taken: PendingAppend[] = [];
    const left: PendingAppend[] = [];
    const held = new Set(this.streamsUnderWay);
    let events = 0;
    for (const append of this.pending) {
      const fits = taken.length === 0 || events + append.events.length <= limit;
      if (held.has(append.stream) || !fits) {
        held.add(append.stream);
        left.push(append);
      } else {
        events += append.events.length;
        taken.push(append);
      }
    }
    this.pending.splice(0, this.pending.length, ...left);
    return taken;
  }

  /**
   * `last` runs the guarded insert of the common case: `tx`, or, in a transaction not begun yet
   * (nothing else to write), the connection in autocommit. Only a retry or a conflict begins it.
   */
  private async appendBatch(tx: Sql, requests: readonly AppendRequest[], locked: boolean, last: Sql = tx): Promise<{ outcomes: Outcome[]; appended: number }> {
    if (tx.dialect === 'postgres' && !locked) await tx.rows(this.rows.lockAppends);
    const fast = await this.appendUnchecked(tx, requests, last);
    if (fast) return fast;
    const streams = [...new Set(requests.map((r) => r.stream))];
    const versions = await this.rows.loadVersions(tx, streams);
    const stored = await this.rows.loadStored(
      tx,
      requests.flatMap((r) => r.events.map((e) => e.id)),
    );
    const recordedAt = this.clock().toISOString();

    const accepted: Array<{ index: number; stream: string; events: readonly NewEvent[]; current: number }> = [];
    const plans: Plan[] = [];
    const idsInBatch = new Map<string, number>();

    requests.forEach((request, index) => {
      const retry = retryOf(request, stored, idsInBatch);
      if (retry !== undefined) return plans.push(retry);
      const current = versions.get(request.stream) ?? 0;
      if (!versionMatches(request.expected, current)) {
        return plans.push({ outcome: new ConcurrencyError(request.stream, request.expected, current) });
      }
      versions.set(request.stream, current + request.events.length);
      request.events.forEach((event) => idsInBatch.set(event.id, index));
      accepted.push({ index, stream: request.stream, events: request.events, current });
      plans.push({ rows: [], currentVersion: current });
    });

    const encoded = await this.codec.encode(tx, accepted);
    const toInsert: EventRow[] = [];
    accepted.forEach(({ index, stream, current }, i) => {
      const rows = encoded[i].events.map((event, n) => this.rows.toRow(stream, current + n + 1, event, recordedAt));
      (plans[index] as { rows: EventRow[] }).rows = rows;
      toInsert.push(...rows);
    });

    const positions = await this.rows.insert(tx, toInsert);
    const outcomes: Outcome[] = [];
    for (const plan of plans) {
      if ('outcome' in plan) outcomes.push(plan.outcome);
      else if ('sameAs' in plan) outcomes.push(outcomes[plan.sameAs]);
      else
        outcomes.push({
          nextVersion: plan.currentVersion + plan.rows.length,
          positions: plan.rows.map((row) => positions.get(row.id) as number),
        });
    }
    return { outcomes, appended: toInsert.length };
  }

  /**
   * The common case without lookups: every append names the version it expects (no `any`), the
   * appends of a stream chain, and no id repeats. One INSERT then numbers the events from the
   * expected versions, guarded in SQL, or, on SQLite where every version is known, by the unique
   * indexes alone; it inserts nothing when a stream moved or an id is stored already (a retry or
   * a conflict), and the caller takes the general path.
   */
  private async appendUnchecked(tx: Sql, requests: readonly AppendRequest[], last: Sql): Promise<{ outcomes: Outcome[]; appended: number } | null> {
    const assumed = new Map<string, number>();
    const reached = new Map<string, number>();
    const ids = new Set<string>();
    const currents: number[] = [];
    // Decided before encoding: the codec may create data keys, and they would be made twice.
    if (requests.reduce((n, r) => n + r.events.length, 0) > this.rows.maxGuardedRows) return null;
    for (const request of requests) {
      if (request.expected === 'any' || request.events.length === 0) return null;
      const current = request.expected === 'no_stream' ? 0 : request.expected;
      const before = reached.get(request.stream);
      if (before === undefined) assumed.set(request.stream, current);
      else if (before !== current) return null;
      for (const event of request.events) {
        if (ids.has(event.id)) return null;
        ids.add(event.id);
      }
      reached.set(request.stream, current + request.events.length);
      currents.push(current);
    }
    const versions = this.knownVersions;
    const known = versions !== null && [...assumed].every(([stream, version]) => version === 0 || (versions.get(stream) ?? 0) >= version);
    if (!known && assumed.size > this.rows.maxGuardedStreams) return null;
    const recordedAt = this.clock().toISOString();
    const encoded = await this.codec.encode(tx, requests);
    const planned = encoded.map(({ stream, events }, i) => ({
      currentVersion: currents[i],
      rows: events.map((event, n) => this.rows.toRow(stream, currents[i] + n + 1, event, recordedAt)),
    }));
    const toInsert = planned.flatMap((plan) => plan.rows);
    const positions = known ? await this.rows.insertUnlessTaken(last, toInsert) : await this.rows.insertIfUnchanged(last, toInsert, assumed);
    if (positions === null) return null;
    const outcomes = planned.map((plan) => ({
      nextVersion: plan.currentVersion + plan.rows.length,
      positions: plan.rows.map((row) => positions.get(row.id) as number),
    }));
    return { outcomes, appended: toInsert.length };
  }
}

/** The results of a multi-stream append, or its first failure: the transaction must then roll back. */
function allOrFirstError(outcomes: readonly Outcome[]): AppendResult[] {
  const failed = outcomes.find((outcome): outcome is Error => outcome instanceof Error);
  if (failed) throw failed;
  return outcomes as AppendResult[];
}

function versionMatches(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 0;
  return expected === current;
}

/**
 * An append whose ids are all stored already is a retry: it gets the stored result.
 * An append that shares only some ids, or shares them with another stream, is a conflict.
 */
function retryOf(
  request: AppendRequest,
  stored: Map<string, { stream: string; version: number; position: number }>,
  idsInBatch: Map<string, number>,
): Plan | undefined {
  if (request.events.length === 0) return undefined;
  const found = request.events.map((e) => stored.get(e.id));
  if (found.every((f) => f !== undefined)) {
    const conflict = found.find((f) => f!.stream !== request.stream);
    if (conflict) return { outcome: new EventIdConflictError(request.events[found.indexOf(conflict)].id) };
    return { outcome: { nextVersion: Math.max(...found.map((f) => f!.version)), positions: found.map((f) => f!.position) } };
  }
  const partial = request.events.find((e, i) => found[i] !== undefined);
  if (partial) return { outcome: new EventIdConflictError(partial.id) };

  const earlier = request.events.map((e) => idsInBatch.get(e.id));
  if (earlier.every((i) => i !== undefined && i === earlier[0])) return { sameAs: earlier[0] as number };
  const overlap = request.events.find((e) => idsInBatch.has(e.id));
  return overlap ? { outcome: new EventIdConflictError(overlap.id) } : undefined;
}
