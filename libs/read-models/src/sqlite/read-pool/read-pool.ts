import type { Worker } from 'node:worker_threads';
import { QueryBudgetExceededError } from '../../read-budget';
import { FairQueue } from './fair-queue';
import {
  type HistoryForgetRequest,
  READ_DEADLINE_PASSED,
  type ReadMessage,
  type ReadReply,
  type ReadRequest,
  type ReadWorkerData,
} from './read-protocol';

export interface ReadPoolOptions {
  /** the SQLite file every worker opens read-only */
  file: string;
  /** worker threads (READ_POOL_SIZE) */
  size: number;
  /** ms from submission to answer, waiting included (SEGMENT_QUERY_BUDGET_MS) */
  budgetMs: number;
  /** slots one caller may hold at once (READ_POOL_SLOTS_PER_KEY) */
  slotsPerKey: number;
  /** the files of the workers' history reads (ReadWorkerData.history); absent: the pool serves none */
  history?: ReadWorkerData['history'];
}

interface Task {
  id: number;
  caller: string;
  request: ReadRequest;
  budgetMs: number;
  /** performance.now() at submission: the budget runs from here */
  submitted: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  /** the worker has started (a read sent before waits for its start) */
  online: boolean;
  /** the worker failed or exited: a new one is started when the slot gets its next read (never in a loop) */
  broken: boolean;
  task: Task | null;
  /** the running read's budget is spent: the worker is terminated when this fires (it has STOP_GRACE_MS to stop by itself) */
  stopTimer?: NodeJS.Timeout;
}

/**
 * How long a worker whose read ran out of budget has to stop it by itself (a statement stops at its next
 * seg_lower call past the deadline, read-worker.ts) before it is terminated and replaced. Stopping in the
 * worker keeps the thread, its connection and its page cache: a replacement costs tens of ms of CPU and
 * tens of MB of memory until the old thread's is returned.
 */
const STOP_GRACE_MS = 250;

/** Linux: the worker threads' nice is the process's + 10 (at most 19), so a request thread with work wins the CPU. */
const WORKER_NICE = 10;

/** An error of the worker's statement, with SQLite's code kept (SQLITE_BUSY maps to 503 STORE_BUSY). */
const readError = (message: string, code?: string): Error => Object.assign(new Error(message), code ? { code } : {});

/**
 * Long reads off the request thread: `size` worker threads, each with a read-only connection to `file`
 * (segment statements) and, when `history` is given, an order-history reader over the event file (history
 * pages and time travel: PooledOrderHistory). Each read has a budget from submission; when it runs out the
 * read is answered with QueryBudgetExceededError; if it was running, its worker stops a statement itself
 * (it is sent the time left and checks it in `seg_lower`), or, when it has not answered STOP_GRACE_MS later
 * (a statement without string comparisons) or at once (a history fold), it is terminated (a statement stops at its next
 * call into JavaScript; a fold is JavaScript throughout) and a fresh one takes the slot. The slot, and the
 * caller's share, stay taken until then. A caller holds at most `slotsPerKey` slots; waiting reads are
 * served in turns per caller (FairQueue).
 */
export class ReadPool {
  private readonly slots: Slot[];
  private readonly queue = new FairQueue<Task>();
  private readonly running = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: ReadPoolOptions,
    /** starts a worker thread running runReadWorker (read-worker.ts) with `data`: the backend's launcher */
    private readonly start: (data: ReadWorkerData) => Worker,
  ) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => this.spawn({ task: null, online: false, broken: false } as Slot));
  }

  /**
   * The answer to `request` (a statement's rows, a history read's result), read within `budgetMs` (default:
   * the pool's) of this call, counted against `caller`.
   */
  run(caller: string, request: ReadRequest, budgetMs = this.options.budgetMs): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the read pool is closed'));
    return new Promise((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        caller,
        request,
        budgetMs,
        submitted: performance.now(),
        resolve,
        reject,
        timer: undefined as unknown as NodeJS.Timeout,
      };
      task.timer = setTimeout(() => this.expire(task), budgetMs);
      this.queue.push(caller, task);
      this.pump();
    });
  }

  /**
   * Sends `request` to every worker, outside the queue and without an answer (best effort): a worker busy
   * with a read handles it between that read's steps. A worker started later has nothing to forget.
   */
  broadcast(request: HistoryForgetRequest): void {
    if (this.closed) return;
    const message: ReadMessage = { request };
    for (const slot of this.slots) if (!slot.broken) slot.worker.postMessage(message);
  }

  /** Slots running a read, and reads waiting for one. */
  load(): { busy: number; queued: number } {
    return { busy: this.slots.filter((slot) => slot.task).length, queued: this.queue.size };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.drain()) this.settle(task, new Error('the read pool is closed'));
    const workers = this.slots.map((slot) => {
      this.keep(slot);
      if (slot.task) this.settle(slot.task, new Error('the read pool is closed'));
      slot.task = null;
      return slot.worker;
    });
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(slot: Slot): Slot {
    const { file, history } = this.options;
    const worker = this.start({ file, nice: WORKER_NICE, ...(history ? { history } : {}) });
    slot.worker = worker;
    slot.online = false;
    slot.broken = false;
    this.keep(slot);
    worker.once('online', () => {
      if (slot.worker !== worker) return;
      slot.online = true;
      this.pump();
    });
    worker.on('message', (reply: ReadReply) => {
      const task = slot.task;
      if (slot.worker !== worker || !task || task.id !== reply.id) return;
      this.keep(slot);
      this.release(slot);
      if (reply.ok) this.settle(task, null, reply.value);
      // stopped at its deadline before this thread's timer fired (a busy event loop): the same answer
      else if (reply.code === READ_DEADLINE_PASSED) this.settle(task, new QueryBudgetExceededError(task.budgetMs, 'running'));
      else this.settle(task, readError(reply.message, reply.code));
    });
    const failed = (error: Error): void => {
      if (slot.worker !== worker || this.closed || slot.broken) return;
      slot.broken = true;
      slot.online = false;
      this.keep(slot);
      const task = slot.task;
      if (task) this.release(slot);
      if (task) this.settle(task, error);
    };
    // an error thrown in the worker arrives cloned (better-sqlite3's SqliteError without its message): name its code
    worker.on('error', (error: Error & { code?: unknown }) =>
      failed(
        readError(
          `read worker failed: ${error.message || String(error.code ?? error.name)}`,
          typeof error.code === 'string' ? error.code : undefined,
        ),
      ),
    );
    worker.on('exit', (code) => failed(new Error(`read worker exited with code ${code}`)));
    return slot;
  }

  private pump(): void {
    // started workers first: a read sent to a worker still starting waits for its start
    const idle = this.slots.filter((slot) => !slot.task).sort((a, b) => Number(b.online) - Number(a.online));
    for (const slot of idle) {
      const next = this.queue.take((key) => (this.running.get(key) ?? 0) < this.options.slotsPerKey);
      if (!next) return;
      const task = next.item;
      if (slot.broken) this.spawn(slot);
      slot.task = task;
      task.slot = slot;
      this.running.set(task.caller, (this.running.get(task.caller) ?? 0) + 1);
      const budgetMs = Math.max(0, task.budgetMs - (performance.now() - task.submitted));
      slot.worker.postMessage({ id: task.id, request: task.request, budgetMs } satisfies ReadMessage);
    }
  }

  private expire(task: Task): void {
    const slot = task.slot;
    if (slot) {
      // only a statement stops itself at its deadline; a history fold has no deadline of its own, so a grace would only let it run on
      if (task.request.kind === 'all') slot.stopTimer = setTimeout(() => this.replace(slot), STOP_GRACE_MS);
      else this.replace(slot);
    } else if (!this.queue.remove(task.caller, task)) {
      return;
    }
    this.settle(task, new QueryBudgetExceededError(task.budgetMs, slot ? 'running' : 'queued'));
    this.pump();
  }

  /** The slot's worker is kept (it answered, or a fresh one took the slot): no termination is pending for it. */
  private keep(slot: Slot): void {
    clearTimeout(slot.stopTimer);
    slot.stopTimer = undefined;
  }

  /** The slot's worker did not stop its read within the grace: a fresh worker takes the slot. */
  private replace(slot: Slot): void {
    const worker = slot.worker;
    this.release(slot);
    this.spawn(slot); // before terminating: the old worker's exit is then not this slot's
    void worker.terminate();
  }

  private release(slot: Slot): void {
    const task = slot.task!;
    slot.task = null;
    const held = (this.running.get(task.caller) ?? 1) - 1;
    if (held > 0) this.running.set(task.caller, held);
    else this.running.delete(task.caller);
    queueMicrotask(() => this.pump());
  }

  private settle(task: Task, error: Error | null, value?: unknown): void {
    clearTimeout(task.timer);
    if (error) task.reject(error);
    else task.resolve(value);
  }
}
