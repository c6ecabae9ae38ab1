import { writeFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runAppendWorker } from '@orders/event-store';
import { type ReadWorkerData, runReadWorker } from '@orders/read-models';
import { historyReadHandler } from './history-reads';
import { type OrdersWorkerData, THREAD_NAMES } from './launch';
import { type AppendRoleOptions, serveKeysBeside } from './subject-key-channel';
import { type ProjectorWorkerOptions, runProjectorWorker } from './projector-worker';

/** True in a worker thread started by startWorker() (launch.ts). */
export function isOrdersWorker(): boolean {
  return !isMainThread && typeof (workerData as Partial<OrdersWorkerData> | null)?.ordersWorker === 'string';
}

/** Runs the role this worker thread was started for. */
export function runWorkerThread(): void {
  const data = workerData as OrdersWorkerData;
  if (!parentPort || isMainThread) throw new Error('runWorkerThread() runs in a worker thread only');
  nameThisThread(THREAD_NAMES[data.ordersWorker]);
  switch (data.ordersWorker) {
    case 'append': {
      const { subjectKeys, ...append } = data.options as AppendRoleOptions;
      if (subjectKeys) serveKeysBeside(parentPort, subjectKeys);
      return runAppendWorker(parentPort, append);
    }
    case 'projector':
      return runProjectorWorker(parentPort, data.options as ProjectorWorkerOptions);
    case 'read': {
      const options = data.options as ReadWorkerData;
      return runReadWorker(parentPort, options, options.history && historyReadHandler(options.history));
    }
    default:
      throw new Error(`unknown worker role ${String(data.ordersWorker)}`);
  }
}

/** Linux: a thread may rename itself through /proc/thread-self/comm; elsewhere it keeps its name. */
function nameThisThread(name: string | undefined): void {
  if (name === undefined) return; // an unknown role: refused below
  try {
    writeFileSync('/proc/thread-self/comm', name);
  } catch {
    /* no /proc: the thread keeps the process's name */
  }
}
