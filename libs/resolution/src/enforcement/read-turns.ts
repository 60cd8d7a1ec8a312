import { performance } from 'node:perf_hooks';

/**
 * How long enforcement reads may run in one turn of the event loop before the rest wait for the
 * next. Shorter turns accept connections sooner but group fewer audit appends into a commit: at
 * 10 ms an operator read cost 18–32% more CPU; at 30 ms no more than before (docs/benchmarks.md).
 */
export const READ_SLICE_MS = 30;

/**
 * Enforcement reads take turns with the rest of the process. On SQLite a read runs from its first
 * statement to its audit append without giving the event loop back, so 50 reads that arrive
 * together held it for 50 reads' time; Node accepts one new connection per turn of the loop while
 * busy, so the 50th connection of a client waited 50 such turns (4–5 s at 200,000 shops) before
 * its first request was even read. Here a turn runs reads for at most `sliceMs`; the reads beyond
 * wait, first come first served, for the turns after it, with the polls for new connections and
 * requests in between. A read that waits on the database (PostgreSQL) gives the loop back by itself
 * and rarely fills a slice.
 */
export class ReadTurns {
  /** When the reads of the current turn began; null between turns. */
  private sliceStart: number | null = null;
  private waiting = 0;

  constructor(
    private readonly sliceMs = READ_SLICE_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Resolves when the read may run: at once while this turn has time left and nobody waits, else in a later turn. */
  take(): Promise<void> {
    if (this.waiting === 0 && this.hasTime()) return Promise.resolve();
    this.waiting++;
    return new Promise((run) => setImmediate(() => this.wake(run)));
  }

  /**
   * Runs in the check phase, one waiting read per callback, so a read woken here has run up to its
   * first real wait before the next callback looks at the time. Out of time: again in the next turn
   * (an immediate scheduled from an immediate runs after the next poll), still ahead of later arrivals.
   */
  private wake(run: () => void): void {
    if (!this.hasTime()) {
      setImmediate(() => this.wake(run));
      return;
    }
    this.waiting--;
    run();
  }

  /** Opens a slice if none is open (it closes at this turn's check phase); whether the open slice has time left. */
  private hasTime(): boolean {
    const now = this.clock();
    if (this.sliceStart === null) {
      this.sliceStart = now;
      setImmediate(() => (this.sliceStart = null));
      return true;
    }
    return now - this.sliceStart < this.sliceMs;
  }
}
