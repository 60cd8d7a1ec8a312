/** Tells subscribers in this process that something was appended, so they need not wait for a poll. */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
