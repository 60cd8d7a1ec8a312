/**
 * Resolves on the event loop's next turn, after the timers and I/O waiting since this one. On the
 * embedded store every statement resolves at once, so a loop of reads and writes that awaits only
 * them holds the event loop: a long one awaits this between its units of work.
 */
export const nextTurn = (): Promise<void> => new Promise<void>((turn) => setImmediate(turn));
