import { createHash } from 'node:crypto';
import { Decider, DomainEvent, foldEvents } from '@registry/shared-kernel';
import { AppendResult, EventMetadata, NewEvent, StoredEvent } from './envelope';
import { ConcurrencyError } from './errors';
import { AppendRequest, EventStore } from './event-store.port';
import { Sql } from './sql/sql';
import { timeOrderedId } from './time-ordered-id';

export interface CommandContext {
  readonly metadata: EventMetadata;
  /** The version the client read (HTTP If-Match); a mismatch is a ConcurrencyError, never retried. */
  readonly expectedVersion?: number;
  /**
   * Makes event ids a function of the request (principal and Idempotency-Key), so a retried
   * request produces the same ids and the store stores it once.
   */
  readonly idSeed?: string;
}

export interface CommandResult<E> {
  /** The stream version after the command; unchanged when the command changed nothing. */
  readonly version: number;
  readonly events: readonly E[];
  readonly positions: readonly number[];
}

/** One stream's part of a decision: the events for it, and the version the decision read it at (0: no stream yet). */
export interface StreamChange {
  readonly stream: string;
  readonly version: number;
  readonly events: readonly NewEvent[];
}

/** What a command decided: the events per stream, and what to answer. */
export interface Decision<R> {
  readonly changes: readonly StreamChange[];
  readonly result: R;
}

export interface RunOptions {
  /**
   * The caller's transaction on the database of the read models: the events commit with its other
   * writes (a checkpoint, a read model, a destroyed key) or not at all. A conflict is then the
   * caller's to roll back, so it is never retried here.
   */
  readonly within?: Sql;
  /** How many times a lost race is decided again on fresh state (0 when the client named the version it read). */
  readonly retries?: number;
}

export interface RunResult<R> {
  readonly result: R;
  /** Per stream that changed, in the order of the decision's changes. */
  readonly appended: readonly (AppendResult & { readonly stream: string })[];
}

const RETRIES_WITHOUT_IF_MATCH = 3;

/**
 * The one way events are written: decide (reading whatever streams the decision needs), then
 * append every stream that changed in one transaction, each at the version the decision read it
 * at. All of them commit or, when another writer moved one of them, none; the decision is then
 * made again on fresh state, up to `retries` times.
 */
export async function runCommand<R>(store: EventStore, decide: () => Promise<Decision<R>>, options: RunOptions = {}): Promise<RunResult<R>> {
  const retries = options.within ? 0 : (options.retries ?? RETRIES_WITHOUT_IF_MATCH);
  for (let attempt = 0; ; attempt++) {
    const { changes, result } = await decide();
    const writes = changes.filter((change) => change.events.length > 0);
    if (writes.length === 0) return { result, appended: [] };
    const requests = writes.map(({ stream, version, events }) => ({ stream, events, expected: version === 0 ? ('no_stream' as const) : version }));
    try {
      const appended = await appendAll(store, requests, options.within);
      return { result, appended: appended.map((a, i) => ({ stream: writes[i].stream, ...a })) };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= retries) throw error;
      // Writers that collided would collide again if they retried in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
    }
  }
}

/**
 * The first events of a new stream, decided already: a record that something was done (an audit
 * record, an erasure, a marker). Nothing to read first; a stream that exists already is a
 * ConcurrencyError, never retried.
 */
export async function startStream(store: EventStore, stream: string, events: readonly NewEvent[], within?: Sql): Promise<AppendResult> {
  const { appended } = await runCommand(store, async () => ({ changes: [{ stream, version: 0, events }], result: null }), { within, retries: 0 });
  return appended[0];
}

/** One stream alone takes the store's own queue, where appends that arrive together share a commit. */
async function appendAll(store: EventStore, requests: readonly AppendRequest[], within: Sql | undefined): Promise<AppendResult[]> {
  if (within) return store.appendAllWithin(within, requests);
  if (requests.length === 1) return [await store.append(requests[0].stream, requests[0].events, requests[0].expected)];
  return store.appendAll(requests);
}

/** Loads a stream's state by folding its events. */
export async function loadState<S, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<S, unknown, E>, 'initialState' | 'evolve'>,
): Promise<{ state: S; version: number; events: StoredEvent[] }> {
  const events = await store.readStream(stream);
  const version = events.length > 0 ? events[events.length - 1].version : 0;
  return { state: foldEvents(decider, events as unknown as E[]), version, events };
}

/**
 * Read, decide, append, for a command on one stream. Without an expected version from the client
 * a lost race is retried on fresh state; with one it is the client's to resolve.
 */
export async function handleCommand<S, C, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<S, C, E>,
  command: C,
  context: CommandContext,
): Promise<CommandResult<E>> {
  const { result, appended } = await runCommand(
    store,
    async () => {
      const { state, version } = await loadState(store, stream, decider);
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        throw new ConcurrencyError(stream, context.expectedVersion, version);
      }
      const events = decider.decide(command, state);
      return { changes: [{ stream, version, events: stampEvents(events, context) }], result: { version, events } };
    },
    { retries: context.expectedVersion === undefined ? RETRIES_WITHOUT_IF_MATCH : 0 },
  );
  if (appended.length === 0) return { version: result.version, events: result.events, positions: [] };
  return { version: appended[0].nextVersion, events: result.events, positions: appended[0].positions };
}

/**
 * A command whose decision reads several streams, each folded in the order of the log into one
 * state, and may write to any of them. The streams are appended in one transaction, each at the
 * version read; a stream only read is not checked (its change does not void the decision). A
 * client that named the version it read (If-Match) gets a lost race as a conflict, not a retry.
 */
export interface StreamsDecider<S, C, E extends DomainEvent> {
  readonly streams: (command: C) => readonly string[];
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E, stream: string) => S;
  /** The new events per stream, none when nothing would change, or throws a DomainError. */
  readonly decide: (command: C, state: S) => readonly { readonly stream: string; readonly events: readonly E[] }[];
}

/** A decider that writes one stream and folds others it only reads beside it, in the order of the log. */
export function readingStreams<S, C, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  streams: (command: C) => { readonly reads: readonly string[]; readonly writes: string },
): StreamsDecider<S, C, E> {
  return {
    streams: (command) => {
      const { reads, writes } = streams(command);
      return [...new Set([...reads, writes])];
    },
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, event),
    decide: (command, state) => [{ stream: streams(command).writes, events: decider.decide(command, state) }],
  };
}

export interface StreamsCommandResult {
  /** The events decided, per stream, as stored (with their ids); none when nothing changed. */
  readonly changes: readonly StreamChange[];
  /** Every stream read, at its version after the command. */
  readonly versions: ReadonlyMap<string, number>;
  readonly positions: readonly number[];
}

export async function handleStreamsCommand<S, C, E extends DomainEvent>(
  store: EventStore,
  decider: StreamsDecider<S, C, E>,
  command: C,
  context: CommandContext,
): Promise<StreamsCommandResult> {
  const streams = decider.streams(command);
  const { result, appended } = await runCommand(
    store,
    async () => {
      const read = await store.readStreamsAfter(new Map(streams.map((stream) => [stream, 0])));
      const versions = new Map(streams.map((stream) => [stream, 0]));
      let state = decider.initialState();
      for (const event of read) {
        state = decider.evolve(state, event as unknown as E, event.stream);
        versions.set(event.stream, event.version);
      }
      const decided = decider.decide(command, state);
      let index = 0;
      const changes = decided.map(({ stream, events }): StreamChange => {
        if (!versions.has(stream)) throw new Error(`a decision may only write to a stream it read: ${stream}`);
        const stamped = stampEvents(events, context, index);
        index += events.length;
        return { stream, version: versions.get(stream)!, events: stamped };
      });
      return { changes, result: { changes: changes.filter((c) => c.events.length > 0), versions } };
    },
    { retries: context.expectedVersion === undefined ? RETRIES_WITHOUT_IF_MATCH : 0 },
  );
  const versions = new Map(result.versions);
  for (const a of appended) versions.set(a.stream, a.nextVersion);
  return { changes: result.changes, versions, positions: appended.flatMap((a) => a.positions) };
}

/** Domain events as the store takes them: ids from the request's seed (a retry stores nothing twice) or fresh, and the request's metadata. */
export function stampEvents(events: readonly DomainEvent[], context: Pick<CommandContext, 'metadata' | 'idSeed'>, firstIndex = 0): NewEvent[] {
  return events.map((event, i) => ({
    id: context.idSeed ? seededEventId(context.idSeed, firstIndex + i) : timeOrderedId(),
    type: event.type,
    data: event.data,
    metadata: context.metadata,
  }));
}

/** A UUID (version 8, RFC 9562) derived from a seed and the event's index in its command. */
export function seededEventId(seed: string, index: number): string {
  const bytes = createHash('sha256').update(`${seed}\u0000${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
