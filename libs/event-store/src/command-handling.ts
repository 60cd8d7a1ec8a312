import { createHash } from 'node:crypto';
import { Decider, DomainEvent, foldEvents } from '@registry/shared-kernel';
import { EventMetadata, StoredEvent } from './envelope';
import { ConcurrencyError } from './errors';
import { EventStore } from './event-store.port';
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

const RETRIES_WITHOUT_IF_MATCH = 3;

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
 * Read, decide, append: the one way a command changes a stream. Without an expected version
 * from the client a lost race is retried on fresh state; with one it is the client's to resolve.
 */
export async function handleCommand<S, C, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<S, C, E>,
  command: C,
  context: CommandContext,
): Promise<CommandResult<E>> {
  for (let attempt = 0; ; attempt++) {
    const { state, version } = await loadState(store, stream, decider);
    if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
      throw new ConcurrencyError(stream, context.expectedVersion, version);
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { version, events, positions: [] };
    try {
      const result = await store.append(
        stream,
        events.map((event, index) => ({
          id: context.idSeed ? seededEventId(context.idSeed, index) : timeOrderedId(),
          type: event.type,
          data: event.data,
          metadata: context.metadata,
        })),
        version === 0 ? 'no_stream' : version,
      );
      return { version: result.nextVersion, events, positions: result.positions };
    } catch (error) {
      const retry = error instanceof ConcurrencyError && context.expectedVersion === undefined && attempt < RETRIES_WITHOUT_IF_MATCH;
      if (!retry) throw error;
    }
  }
}

/** A UUID (version 8, RFC 9562) derived from a seed and the event's index in its command. */
export function seededEventId(seed: string, index: number): string {
  const bytes = createHash('sha256').update(`${seed}\u0000${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
