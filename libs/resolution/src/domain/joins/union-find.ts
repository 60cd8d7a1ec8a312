/** Disjoint sets over string keys, with path halving and union by size. */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  add(key: string): void {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.size.set(key, 1);
    }
  }

  find(key: string): string {
    this.add(key);
    let node = key;
    while (this.parent.get(node) !== node) {
      const grandparent = this.parent.get(this.parent.get(node)!)!;
      this.parent.set(node, grandparent);
      node = grandparent;
    }
    return node;
  }

  /** Joins the two sets; false when they were one already. */
  union(a: string, b: string): boolean {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return false;
    if (this.size.get(rootA)! < this.size.get(rootB)!) [rootA, rootB] = [rootB, rootA];
    this.parent.set(rootB, rootA);
    this.size.set(rootA, this.size.get(rootA)! + this.size.get(rootB)!);
    return true;
  }

  groups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const members = byRoot.get(root);
      if (members) members.push(key);
      else byRoot.set(root, [key]);
    }
    return [...byRoot.values()];
  }
}
