/** bytes of the shared buffer: the head (BigInt64 at 0) and the publish count (Int32 at 8) */
const BYTES = 16;
const HEAD = 0;
const COUNT = 0;
/** a watcher looks at its stop flag at least this often, in case a wake-up was missed */
const WATCH_TIMEOUT_MS = 1_000;

/**
 * The event log's head, shared by the threads of one process: the append worker publishes the head of
 * each commit, and the projector's worker waits for it (Atomics.waitAsync) — so a commit wakes the
 * projector without a message through the request thread, whose event loop may be busy with requests.
 * The buffer is a SharedArrayBuffer: every worker started with it (a restarted one too) sees the same one.
 */
export class CommitSignal {
  private readonly head: BigInt64Array;
  private readonly count: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(BYTES)) {
    this.head = new BigInt64Array(buffer, 0, 1);
    this.count = new Int32Array(buffer, 8, 1);
  }

  /** The newest head published (0 before the first). */
  current(): number {
    return Number(Atomics.load(this.head, HEAD));
  }

  /** Events up to `head` are committed: raises the shared head (never lowers it) and wakes the watchers. */
  publish(head: number): void {
    const next = BigInt(head);
    for (let seen = Atomics.load(this.head, HEAD); next > seen;) {
      const found = Atomics.compareExchange(this.head, HEAD, seen, next);
      if (found === seen) break;
      seen = found;
    }
    Atomics.add(this.count, COUNT, 1);
    Atomics.notify(this.count, COUNT);
  }

  /**
   * Calls `onHead` with the head after each publish (publishes in quick succession may arrive as one call,
   * with the newest head) until `stop()` of the returned handle; the wait never blocks this thread.
   */
  watch(onHead: (head: number) => void): { stop(): Promise<void> } {
    let stopped = false;
    const loop = (async () => {
      let seen = Atomics.load(this.count, COUNT);
      while (!stopped) {
        const wait = Atomics.waitAsync(this.count, COUNT, seen, WATCH_TIMEOUT_MS);
        if (wait.async) await wait.value;
        const now = Atomics.load(this.count, COUNT);
        if (now === seen || stopped) continue;
        seen = now;
        onHead(this.current());
      }
    })();
    return {
      stop: () => {
        stopped = true;
        // wakes this watcher's wait (and the others', which find no new publish and wait again)
        Atomics.notify(this.count, COUNT);
        return loop;
      },
    };
  }
}
