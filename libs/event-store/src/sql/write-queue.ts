/** Runs async tasks with at most `limit` under way; `drain` waits for all that were started. */
export class WriteQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private idle: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      // The finishing task hands its slot over, so nobody can slip in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else if (--this.active === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  drain(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
