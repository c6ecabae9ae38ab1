import type { Worker } from 'node:worker_threads';
import type { AppendResult } from '../event-store.port';
import type { PreparedAppend } from '../sqlite/append-writer';
import type { GroupCommitStats } from '../sqlite/group-commit';
import { StorageFaultError } from '../storage-fault';
import { type AppendReply, type AppendRequest, type AppendWorkerOptions, deserializeError } from './append-protocol';

/** Starts a worker thread running runAppendWorker with these options (see @orders/backend threads). */
export type AppendWorkerFactory = (options: AppendWorkerOptions) => Worker;

interface Pending {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** How long close() waits for the worker to drain and close the file before it is terminated. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The main-thread side of the threaded append: appends are prepared (validated, serialised) here, sent
 * to the worker in one message per event-loop turn (setImmediate), and settle when the worker reports its commit —
 * i.e. after the fsync. A worker that dies fails its pending appends with StorageFaultError
 * ('unavailable': whether they were committed is unknown, as after a crash) and is started anew by the
 * next append. `onCommitted` hears the new head after every commit that wrote events.
 */
export class AppendThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private outgoing: { id: number; append: PreparedAppend }[] = [];
  private nextId = 1;
  private counters: GroupCommitStats = { flushes: 0, appends: 0, events: 0 };
  private closing: Promise<void> | undefined;
  /** workers started so far (1 after the first append; more after a worker died) */
  starts = 0;

  constructor(
    private readonly spawn: AppendWorkerFactory,
    private readonly options: AppendWorkerOptions,
    private readonly onCommitted: (head: number) => void,
  ) {}

  enqueue(append: PreparedAppend): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new Error('event store is closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref(); // an append in flight keeps the process alive
    // the appends of one event-loop turn (every request read in one poll phase) go as one message: fewer
    // wake-ups of the worker thread, bigger group commits
    if (this.outgoing.length === 0) setImmediate(() => this.post(worker));
    this.outgoing.push({ id, append });
    return new Promise<AppendResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /**
   * The worker, started if there is none (as an append would): for what shares its thread, the
   * embedded backend's subject keys. Throws once the store is closing.
   */
  ensureStarted(): Worker {
    if (this.closing) throw new Error('event store is closed');
    return this.worker ?? this.start();
  }

  /** Counters of the worker's group commit as of its last report (since this store was opened). */
  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** Lets the worker write what it has queued, close its connection and end; terminated after a timeout. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      if (this.outgoing.length > 0) this.post(worker);
      const exited = new Promise<void>((done) => worker.once('exit', () => done()));
      worker.postMessage({ t: 'close' } satisfies AppendRequest);
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return this.closing;
  }

  /** For tests: ends the worker as a crash would (its pending appends fail; the next append starts another). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  private start(): Worker {
    const worker = this.spawn(this.options);
    this.starts++;
    this.worker = worker;
    worker.on('message', (reply: AppendReply) => this.receive(reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the append worker exited with code ${code}`)));
    worker.unref();
    return worker;
  }

  private post(worker: Worker): void {
    const items = this.outgoing;
    if (items.length === 0) return;
    this.outgoing = [];
    if (worker !== this.worker) {
      // the worker died between enqueue and this turn: these appends were never sent
      for (const item of items) this.fail(item.id, unavailable(new Error('the append worker stopped')));
      return;
    }
    worker.postMessage({ t: 'append', items } satisfies AppendRequest);
  }

  private receive(reply: AppendReply): void {
    if (reply.t === 'fatal') {
      const error = deserializeError(reply.error);
      for (const id of [...this.pending.keys()]) this.fail(id, error);
      return;
    }
    if (reply.t !== 'done') return;
    this.counters = reply.stats;
    for (const outcome of reply.outcomes) {
      const pending = this.pending.get(outcome.id);
      this.pending.delete(outcome.id);
      if (outcome.ok) pending?.resolve(outcome.result);
      else pending?.reject(deserializeError(outcome.error));
    }
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.head > 0) this.onCommitted(reply.head);
  }

  private lost(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const failure = unavailable(error);
    for (const id of [...this.pending.keys()]) this.fail(id, failure);
  }

  private fail(id: number, error: unknown): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    pending?.reject(error);
  }
}

const unavailable = (cause: unknown): StorageFaultError =>
  new StorageFaultError('unavailable', 'events', `the append worker stopped: ${cause instanceof Error ? cause.message : String(cause)}`, {
    cause,
  });
