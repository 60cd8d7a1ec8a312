import { Injectable } from '@nestjs/common';
import { EventStore, StoredEvent } from '@registry/event-store';
import { Decider, DomainEvent } from '@registry/shared-kernel';

/** At most this long a folded state is brought up to date instead of folded afresh (erased personal data must not linger). */
const MAX_AGE_MS = 60_000;
const MAX_STREAMS = 50_000;

interface Entry {
  readonly state: unknown;
  readonly version: number;
  readonly since: number;
}

export interface FoldedStream<S> {
  readonly state: S;
  readonly version: number;
}

type Evolving<S, E extends DomainEvent> = Pick<Decider<S, unknown, E>, 'initialState' | 'evolve'>;

/**
 * The folded state of streams this process read lately. Streams only grow, so a state is brought
 * up to date with the events appended since its version, usually none: a shop's claims or a
 * seller's yearly figures are not read and decrypted again for every report. Many streams are
 * brought up to date with one query (which versions exist), and only new events are read. An
 * entry is folded afresh after a minute, the time other processes take to forget an erased data key.
 */
@Injectable()
export class StreamStates {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: EventStore) {}

  async loadMany<S, E extends DomainEvent>(streams: readonly string[], decider: Evolving<S, E>): Promise<Map<string, FoldedStream<S>>> {
    const now = Date.now();
    const unique = [...new Set(streams)];
    const known = new Map<string, Entry | undefined>();
    for (const stream of unique) {
      const entry = this.entries.get(stream);
      known.set(stream, entry && now - entry.since <= MAX_AGE_MS ? entry : undefined);
    }
    const fresh = await this.eventsSince(unique, known);
    const folded = new Map<string, FoldedStream<S>>();
    for (const stream of unique) {
      const entry = known.get(stream);
      const events = fresh.get(stream) ?? [];
      if (entry && events.length === 0) {
        folded.set(stream, { state: entry.state as S, version: entry.version });
        continue;
      }
      const state = (events as unknown as E[]).reduce(decider.evolve, entry ? (entry.state as S) : decider.initialState());
      const version = events.length > 0 ? events[events.length - 1].version : 0;
      this.remember(stream, state, version, entry?.since ?? now);
      folded.set(stream, { state, version });
    }
    return folded;
  }

  /** A state this process just committed, at the version it committed. */
  remember(stream: string, state: unknown, version: number, since = this.entries.get(stream)?.since ?? Date.now()): void {
    this.entries.delete(stream);
    this.entries.set(stream, { state, version, since });
    if (this.entries.size > MAX_STREAMS) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The events of each stream after the version known of it, in version order. */
  private async eventsSince(streams: readonly string[], known: ReadonlyMap<string, Entry | undefined>): Promise<Map<string, StoredEvent[]>> {
    const byStream = new Map<string, StoredEvent[]>();
    for (const event of await this.store.readStreamsAfter(new Map(streams.map((stream) => [stream, known.get(stream)?.version ?? 0])))) {
      const list = byStream.get(event.stream) ?? [];
      list.push(event);
      byStream.set(event.stream, list);
    }
    return byStream;
  }
}
