interface Entry {
  readonly date: string;
  readonly factId: string;
}

/** Facts to look at again on a date (a period starts or has ended), earliest first: a binary min-heap. */
export class DateSchedule {
  private readonly heap: Entry[] = [];

  add(date: string, factId: string): void {
    this.heap.push({ date, factId });
    let child = this.heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.heap[parent].date <= this.heap[child].date) break;
      this.swap(parent, child);
      child = parent;
    }
  }

  /** Removes and returns the facts due on or before the date, earliest first. */
  takeDue(date: string): string[] {
    const due: string[] = [];
    while (this.heap.length > 0 && this.heap[0].date <= date) due.push(this.pop().factId);
    return due;
  }

  private pop(): Entry {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < this.heap.length && this.heap[left].date < this.heap[smallest].date) smallest = left;
        if (right < this.heap.length && this.heap[right].date < this.heap[smallest].date) smallest = right;
        if (smallest === parent) break;
        this.swap(parent, smallest);
        parent = smallest;
      }
    }
    return top;
  }

  private swap(i: number, j: number): void {
    [this.heap[i], this.heap[j]] = [this.heap[j], this.heap[i]];
  }
}
