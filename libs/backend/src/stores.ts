interface Closable {
  close(): Promise<void>;
}

/** The stores a backend has opened so far: each opened once, on first use; close() closes them in the order given, then the rest. */
export class Stores {
  private readonly opened = new Map<string, unknown>();
  private readonly closables = new Map<string, Closable>();

  once<T>(key: string, open: () => T, closable = true): T {
    if (this.opened.has(key)) return this.opened.get(key) as T;
    const store = open();
    this.opened.set(key, store);
    if (closable) this.closables.set(key, store as Closable);
    return store;
  }

  has(key: string): boolean {
    return this.opened.has(key);
  }

  async close(order: readonly string[]): Promise<void> {
    const keys = [...order.filter((key) => this.closables.has(key)), ...[...this.closables.keys()].filter((key) => !order.includes(key))];
    for (const key of keys) await this.closables.get(key)!.close();
    this.closables.clear();
    this.opened.clear();
  }
}
