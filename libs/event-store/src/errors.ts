import { ExpectedVersion } from './envelope';

/** The stream is not at the version the writer expected: someone else wrote first. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, expected ${expected}`);
  }
}

/** An event id is already stored, but not as this same append (a different stream or a partial overlap). */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored as part of another append`);
  }
}
