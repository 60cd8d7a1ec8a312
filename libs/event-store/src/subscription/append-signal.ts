/** Tells listeners in this process that events were appended, so subscribers need not wait for a poll. */
export class AppendSignal {
  private readonly listeners = new Set<(appended: number) => void>();

  onAppend(listener: (appended: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(appended: number): void {
    for (const listener of [...this.listeners]) listener(appended);
  }
}
