import { SqliteEventStore } from '@orders/event-store';
import { SqliteSubjectKeyStore, type SubjectKeyStore, SubjectKeys } from '@orders/personal-data';
import {
  type HandledReadRequest,
  OrderHistoryReader,
  type OrderHistoryReaderLimits,
  type ReadRequestHandler,
  type ReadWorkerData,
} from '@orders/read-models';
import { orderEventStore } from '../order-event-store';

/**
 * Each read worker keeps snapshots of its own (READ_POOL_SIZE copies, none shared): modest limits, a
 * quarter of the request thread's default count and an eighth of its size, so the pool's memory stays
 * small; a worker's snapshots also die with it when a read overruns its budget.
 */
const WORKER_SNAPSHOT_LIMITS: OrderHistoryReaderLimits = { maxStreams: 50, maxSize: 8 * 1024 * 1024 };

/**
 * The read workers' handler for history requests (PooledOrderHistory): an OrderHistoryReader over the
 * event file as the application sees it (a read-only SqliteEventStore, personal fields opened with the
 * keys of the subject-key file, then upcast: orderEventStore), opened on the first history request.
 *
 * `forget` (an erasure in this process) drops the worker's reader, its snapshots and its cache of keys
 * (SubjectKeys caches keys for 1 s): a read sent after the broadcast opens with the keys as they are now.
 */
export function historyReadHandler(files: NonNullable<ReadWorkerData['history']>): ReadRequestHandler {
  let stores: { events: SqliteEventStore; keys: SubjectKeyStore } | undefined;
  let reader: OrderHistoryReader | undefined;

  const open = (): OrderHistoryReader => {
    if (!stores) {
      const events = SqliteEventStore.open({ file: files.eventsFile, readonly: true });
      try {
        stores = { events, keys: SqliteSubjectKeyStore.open(files.subjectKeysFile) };
      } catch (error) {
        void events.close();
        throw error;
      }
    }
    reader ??= new OrderHistoryReader(orderEventStore(stores.events, new SubjectKeys(stores.keys)), WORKER_SNAPSHOT_LIMITS);
    return reader;
  };

  return async (request: HandledReadRequest): Promise<unknown> => {
    switch (request.op) {
      case 'page':
        return open().page(request.orderId, request.offset, request.count);
      case 'orderAt':
        return open().orderAt(request.orderId, request.target);
      case 'exists':
        return open().exists(request.orderId);
      case 'forget':
        reader = undefined;
        return undefined;
    }
  };
}
