/**
 * A wait between polls of the log that can end early: when an append is seen (if this wait is one
 * an append should end; a backoff after a failure is not) and, always, when the worker stops.
 */
export class Pause {
  private end: (() => void) | undefined;
  private endsOnAppend = false;

  for(ms: number, { endsOnAppend }: { endsOnAppend: boolean }): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.end = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.end = done;
      this.endsOnAppend = endsOnAppend;
    });
  }

  /** An append was seen: ends the wait if it waits for new events. */
  appended(): void {
    if (this.endsOnAppend) this.end?.();
  }

  /** Ends the wait, whatever it waits for (the worker stops). */
  interrupt(): void {
    this.end?.();
  }
}
