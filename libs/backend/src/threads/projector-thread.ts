import type { Worker } from 'node:worker_threads';
import { deserializeError, FailureBackoff } from '@orders/event-store';
import type { LeasedWork } from '@orders/read-models/mongo';
import type { ProjectorHooks } from '../backend.port';
import type { ProjectorReply, ProjectorRequest, ProjectorWorkerOptions } from './projector-worker';

/** How long stop() waits for the worker to finish its batch and close its files before it is terminated. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The main-thread side of the threaded projector (LeasedWork, like Projector). start() resolves once the
 * worker's projector runs (rejects as Projector.start() would); commits wake it through the commit signal
 * in its options (the append worker publishes there), not through this thread. A
 * worker that dies is reported through onFailing (the readiness check sees it) and started again after a
 * bounded back-off; onRecovered follows once the new one runs.
 */
export class ProjectorThread implements LeasedWork {
  private worker: Worker | undefined;
  private running = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly backoff: FailureBackoff;
  /** workers started so far */
  starts = 0;

  constructor(
    private readonly spawn: (options: ProjectorWorkerOptions) => Worker,
    private readonly options: ProjectorWorkerOptions,
    private readonly hooks: ProjectorHooks,
  ) {
    this.backoff = new FailureBackoff({
      initialDelayMs: options.retryDelayMs ?? 1_000,
      maxDelayMs: options.maxRetryDelayMs ?? 30_000,
      onFailing: (error) => {
        hooks.log?.('error', 'the projector worker stopped; starting another with back-off', error);
        hooks.onFailing?.(error);
      },
      onRecovered: () => {
        hooks.log?.('info', 'the projector worker runs again');
        hooks.onRecovered?.();
      },
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.launch();
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    worker.postMessage({ t: 'stop' } satisfies ProjectorRequest);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** For tests: ends the worker as a crash would. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  private launch(): Promise<void> {
    const worker = this.spawn(this.options);
    this.worker = worker;
    this.starts++;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (reply: ProjectorReply) => {
        if (reply.t === 'started') {
          started = true;
          this.backoff.succeeded();
          resolve();
        } else if (reply.t === 'fatal') {
          if (!started) reject(deserializeError(reply.error));
        } else this.receive(reply);
      });
      const lost = (error: Error): void => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        if (!started) return reject(error);
        if (this.running) this.restartLater(error);
      };
      worker.on('error', lost);
      worker.on('exit', (code) => lost(new Error(`the projector worker exited with code ${code}`)));
      worker.postMessage({ t: 'start' } satisfies ProjectorRequest);
    });
  }

  private restartLater(error: Error): void {
    const delay = this.backoff.failed(error);
    this.restartTimer = setTimeout(() => {
      if (!this.running) return;
      this.launch().catch((failure: Error) => this.running && this.restartLater(failure));
    }, delay);
  }

  private receive(reply: ProjectorReply): void {
    if (reply.t === 'log') this.hooks.log?.(reply.level, reply.message, reply.detail);
    else if (reply.t === 'failing') this.hooks.onFailing?.(deserializeError(reply.error));
    else if (reply.t === 'recovered') this.hooks.onRecovered?.();
  }
}
