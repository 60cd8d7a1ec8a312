import { randomUUID } from 'node:crypto';
import { ExpectedVersion, NewEvent } from '@registry/event-store';

/** One append as a writer issues it: the store gets `expected`, the plain INSERT gets `firstVersion`. */
export interface BenchAppend {
  readonly stream: string;
  readonly expected: ExpectedVersion;
  /** Version of the first event of this append (expected + 1). */
  readonly firstVersion: number;
  readonly events: readonly NewEvent[];
}

/** Each writer's appends, in the order it issues them. */
export type Workload = BenchAppend[][];

/** A writer moves on to a new stream every this many appends. */
export const APPENDS_PER_STREAM = 10;

const TYPES = ['SellerObserved', 'ImprintCaptured', 'LegalEntityClaimed', 'AddressVerified', 'ShopLinked'];
const PRINCIPALS = ['platform:marketplace-de', 'partner:credit-bureau', 'officer:4711', 'system:imprint-crawler'];

/** About 300 bytes of JSON once stringified (checked by `averageDataBytes`). */
function eventData(stream: string, version: number): Record<string, unknown> {
  return {
    shopId: stream,
    platform: 'marketplace-de',
    sellerName: `Seller ${version} Handels GmbH`,
    registrationNumber: `HRB ${100_000 + version}`,
    vatId: `DE${300_000_000 + version}`,
    address: { street: 'Musterstraße 12', postalCode: '10115', city: 'Berlin', country: 'DE' },
    observedAt: '2025-11-30T12:34:56.789Z',
  };
}

function event(stream: string, version: number, correlationId: string, causationId: string): NewEvent {
  return {
    id: randomUUID(),
    type: TYPES[version % TYPES.length],
    data: eventData(stream, version),
    metadata: { correlationId, causationId, principal: PRINCIPALS[version % PRINCIPALS.length] },
  };
}

/**
 * `writers` writers, each appending `appendsPerWriter` times `eventsPerAppend` events to streams of
 * its own (a new stream every APPENDS_PER_STREAM appends), with the expected version right.
 */
export function buildWorkload(tag: string, writers: number, appendsPerWriter: number, eventsPerAppend: number): Workload {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: writers }, (_, w) =>
    Array.from({ length: appendsPerWriter }, (_, a): BenchAppend => {
      const stream = `seller-${tag}-${run}-w${w}-s${Math.floor(a / APPENDS_PER_STREAM)}`;
      const current = (a % APPENDS_PER_STREAM) * eventsPerAppend;
      const correlationId = randomUUID();
      let causationId: string = randomUUID();
      const events = Array.from({ length: eventsPerAppend }, (_, i) => {
        const created = event(stream, current + i + 1, correlationId, causationId);
        causationId = created.id;
        return created;
      });
      return { stream, expected: current === 0 ? 'no_stream' : current, firstVersion: current + 1, events };
    }),
  );
}

/** Splits every writer's appends into `count` consecutive slices (each continues the previous one's streams). */
export function slices(workload: Workload, count: number): Workload[] {
  return Array.from({ length: count }, (_, i) =>
    workload.map((appends) => appends.slice(Math.floor((i * appends.length) / count), Math.floor(((i + 1) * appends.length) / count))),
  );
}

export function eventCount(workload: Workload): number {
  return workload.reduce((sum, appends) => sum + appends.reduce((s, a) => s + a.events.length, 0), 0);
}

export function averageDataBytes(workload: Workload): { data: number; metadata: number } {
  const all = workload.flat().flatMap((a) => a.events);
  const bytes = (pick: (e: NewEvent) => unknown) => all.reduce((s, e) => s + Buffer.byteLength(JSON.stringify(pick(e))), 0) / all.length;
  return { data: bytes((e) => e.data), metadata: bytes((e) => e.metadata) };
}
