import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { AppendThread, AppendWorkerOptions } from '@orders/event-store';
import { serveSubjectKeys, type SubjectKeyServerOptions } from '@orders/personal-data';
import { startWorker } from './launch';

/** What the append worker is started with: its group commit's options, and the subject keys' server when it hosts one. */
export interface AppendRoleOptions extends AppendWorkerOptions {
  subjectKeys?: SubjectKeyServerOptions;
}

/**
 * The subject keys on the append worker (one thread fewer than a worker of their own: ~10–15 MB). Every
 * append worker started gets a fresh MessageChannel: one end goes in its workerData, for the key server
 * (serveSubjectKeys), the other is handed once to the ThreadedSubjectKeyStore on the request thread by
 * connect(), which starts the append worker when there is none. When that worker dies, the store's end
 * closes, its calls in flight fail, and its next call connects to the worker the append thread starts next
 * (waiting for the dead one's exit, which the append thread hears just after the port's close).
 */
export class AppendWorkerWithKeys {
  /** the request-thread end of the newest worker's channel, until connect() hands it out */
  private unclaimed: { worker: Worker; port: MessagePort } | undefined;

  constructor(
    private readonly subjectKeysFile: string,
    /** the commit signal's buffer, which every append worker publishes its commits on */
    private readonly commitSignal: SharedArrayBuffer,
  ) {}

  /** the AppendWorkerFactory of the event store */
  readonly spawn = (options: AppendWorkerOptions): Worker => {
    const { port1, port2 } = new MessageChannel();
    this.unclaimed?.port.close(); // an older worker's, never used
    const data: AppendRoleOptions = {
      ...options,
      commitSignal: this.commitSignal,
      subjectKeys: { file: this.subjectKeysFile, port: port2 },
    };
    const worker = startWorker('append', data, [port2]);
    this.unclaimed = { worker, port: port1 };
    return worker;
  };

  /** the SubjectKeyConnector: the channel to the append worker's key server, that worker started if need be */
  async connect(thread: AppendThread): Promise<MessagePort> {
    let worker = thread.ensureStarted();
    if (this.unclaimed?.worker !== worker) {
      // its channel was handed out already and has closed: this worker is ending. Once it has exited, the
      // append thread forgets it and starts another.
      await exitOf(worker);
      worker = thread.ensureStarted();
    }
    const unclaimed = this.unclaimed;
    if (unclaimed?.worker !== worker) throw new Error('the append worker is stopping');
    this.unclaimed = undefined;
    return unclaimed.port;
  }
}

/** How long connect() waits for an ending append worker to exit. */
const EXIT_TIMEOUT_MS = 10_000;

const exitOf = (worker: Worker): Promise<void> =>
  new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the append worker is stopping')), EXIT_TIMEOUT_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });

/** In the append worker: serves the subject keys next to the group commit, and closes them with it. */
export function serveKeysBeside(appendPort: MessagePort, options: SubjectKeyServerOptions): void {
  const server = serveSubjectKeys(options.port, options.file);
  appendPort.once('close', () => server.close());
}
