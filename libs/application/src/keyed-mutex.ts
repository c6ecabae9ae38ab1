/**
 * Serialises async work per key within this process (e.g. commands on one order), so that
 * concurrent writers queue instead of racing into version conflicts. Other processes are still
 * handled by the exact-revision append and the retry around it.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /**
   * Runs `work` once the work queued before it on `key` has settled — at once when there is none (the
   * common case: one registration per new order), without a turn of the microtask queue. Not async: the
   * answer is `work`'s own promise, and the only promise added is the tail that the next work on the key
   * waits for and that forgets the key when it is the last.
   */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(work, work) : start(work);
    const release = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail: Promise<void> = result.then(release, release);
    this.tails.set(key, tail);
    return result;
  }

  /** keys with work queued or running */
  get size(): number {
    return this.tails.size;
  }
}

/** `work()`, its synchronous throw (if any) as a rejection */
function start<T>(work: () => Promise<T>): Promise<T> {
  try {
    return work();
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
