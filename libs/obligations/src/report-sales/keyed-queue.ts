/**
 * Runs tasks one after another per key, and tasks of different keys side by side. Reports of
 * several front shops of one seller move the same yearly figure: queued here they do not race
 * each other into concurrency errors (other processes still can; the handler retries those).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
