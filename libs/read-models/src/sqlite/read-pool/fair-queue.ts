/**
 * Waiting work per key, served in turns: `take` gives the oldest item of the first key in turn order that
 * may run now, then sends that key to the back of the turn. So a key with many items waiting cannot keep
 * another key's single item waiting behind all of them.
 */
export class FairQueue<T> {
  /** insertion order is the turn order */
  private readonly byKey = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(key: string, item: T): void {
    const items = this.byKey.get(key);
    if (items) items.push(item);
    else this.byKey.set(key, [item]);
    this.count += 1;
  }

  /** false when the item was not waiting */
  remove(key: string, item: T): boolean {
    const items = this.byKey.get(key);
    const index = items?.indexOf(item) ?? -1;
    if (!items || index < 0) return false;
    items.splice(index, 1);
    if (items.length === 0) this.byKey.delete(key);
    this.count -= 1;
    return true;
  }

  take(mayRun: (key: string) => boolean): { key: string; item: T } | undefined {
    for (const [key, items] of this.byKey) {
      if (!mayRun(key)) continue;
      const item = items.shift()!;
      this.byKey.delete(key);
      if (items.length > 0) this.byKey.set(key, items);
      this.count -= 1;
      return { key, item };
    }
    return undefined;
  }

  /** Empties the queue, returning every waiting item. */
  drain(): T[] {
    const all = [...this.byKey.values()].flat();
    this.byKey.clear();
    this.count = 0;
    return all;
  }
}
