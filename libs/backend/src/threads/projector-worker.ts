import type { MessagePort } from 'node:worker_threads';
import { CommitSignal, type SerializedError, serializeError, SqliteEventStore } from '@orders/event-store';
import { SqliteSubjectKeyStore, SubjectKeys } from '@orders/personal-data';
import { Projector, SqliteReadModels } from '@orders/read-models';
import { orderEventStore } from '../order-event-store';

/** What the projector worker is started with. */
export interface ProjectorWorkerOptions {
  eventsFile: string;
  readModelsFile: string;
  /** the data subjects' keys: the projector opens sealed personal fields as the request thread does */
  subjectKeysFile: string;
  /** the buffer of the CommitSignal the append worker publishes each commit's head on */
  commitSignal?: SharedArrayBuffer;
  /** how often the subscription looks for commits by other processes (the event store's default when absent) */
  pollIntervalMs?: number;
  batchSize?: number;
  liveReadIntervalMs?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export type ProjectorRequest = { t: 'start' } | { t: 'stop' };

export type ProjectorReply =
  | { t: 'started' }
  | { t: 'stopped' }
  /** opening the files or starting the projector failed */
  | { t: 'fatal'; error: SerializedError }
  | { t: 'log'; level: 'info' | 'warn' | 'error'; message: string; detail?: string }
  | { t: 'failing'; error: SerializedError }
  | { t: 'recovered' };

/**
 * The worker side of the threaded projector: a read connection to the event file, a write connection
 * to the read-model file and the same Projector as in-thread. The append worker publishes the head of
 * every commit on the commit signal, which wakes the subscription at once (it also polls, as always).
 */
export function runProjectorWorker(port: MessagePort, options: ProjectorWorkerOptions): void {
  const post = (reply: ProjectorReply): void => port.postMessage(reply);
  let events: SqliteEventStore | undefined;
  let readModels: SqliteReadModels | undefined;
  let keys: SubjectKeys | undefined;
  let projector: Projector | undefined;
  let commits: { stop(): Promise<void> } | undefined;
  const close = async (): Promise<void> => {
    await commits?.stop();
    await projector?.stop();
    await events?.close();
    await readModels?.close();
    await keys?.store.close();
  };
  port.on('message', (request: ProjectorRequest) => {
    if (request.t === 'start') {
      void (async () => {
        const store = SqliteEventStore.open({ file: options.eventsFile, pollIntervalMs: options.pollIntervalMs });
        events = store;
        if (options.commitSignal) commits = new CommitSignal(options.commitSignal).watch((head) => store.notifyCommitted(head));
        readModels = SqliteReadModels.open(options.readModelsFile);
        keys = new SubjectKeys(SqliteSubjectKeyStore.open(options.subjectKeysFile));
        projector = new Projector(orderEventStore(events, keys), readModels, {
          streamPrefixes: readModels.streamPrefixes,
          batchSize: options.batchSize,
          liveReadIntervalMs: options.liveReadIntervalMs,
          retryDelayMs: options.retryDelayMs,
          maxRetryDelayMs: options.maxRetryDelayMs,
          log: (level, message, detail) =>
            post({ t: 'log', level, message, ...(detail === undefined ? {} : { detail: describe(detail) }) }),
          onFailing: (error) => post({ t: 'failing', error: serializeError(error) }),
          onRecovered: () => post({ t: 'recovered' }),
        });
        await projector.start();
        post({ t: 'started' });
      })().catch(async (error: unknown) => {
        await close().catch(() => undefined);
        post({ t: 'fatal', error: serializeError(error) });
        port.close();
      });
    } else {
      void close()
        .catch((error: unknown) =>
          post({ t: 'log', level: 'error', message: 'closing the projector worker failed', detail: describe(error) }),
        )
        .finally(() => {
          post({ t: 'stopped' });
          port.close();
        });
    }
  });
}

const describe = (detail: unknown): string => (detail instanceof Error ? detail.message : String(detail));
