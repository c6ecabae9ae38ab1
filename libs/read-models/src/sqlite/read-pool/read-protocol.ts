import type { OrderAtTarget } from '../../projections/order-history';

/** What the read pool sends its workers and what they answer (structured-cloned over the port). */
export type ReadRequest = SqlReadRequest | HistoryReadRequest;

/** A statement run on the worker's read-only connection to the read-model file; answers its rows. */
export interface SqlReadRequest {
  kind: 'all';
  sql: string;
  params: readonly unknown[];
}

/**
 * A history read (OrderHistoryQueries, order-history.port.ts) run by the worker's handler for non-SQL
 * requests (the backend gives one: an OrderHistoryReader over the event file); answers what the reader returns.
 */
export type HistoryReadRequest =
  | { kind: 'history'; op: 'page'; orderId: string; offset: number; count: number }
  | { kind: 'history'; op: 'orderAt'; orderId: string; target: OrderAtTarget }
  | { kind: 'history'; op: 'exists'; orderId: string };

/** Sent to every worker (ReadPool.broadcast), answered by none: drop the order's cached history snapshots. */
export interface HistoryForgetRequest {
  kind: 'history';
  op: 'forget';
  orderId: string;
}

/** What a worker hands its handler for non-SQL requests: the history reads and the broadcast forget. */
export type HandledReadRequest = HistoryReadRequest | HistoryForgetRequest;

/** Runs a worker's non-SQL requests (runReadWorker); its answer is structured-cloned to the pool. */
export type ReadRequestHandler = (request: HandledReadRequest) => Promise<unknown>;

/**
 * A read sent to one worker has an id and is answered; a broadcast has none and is not. `budgetMs` is the
 * time the read has left when sent: the worker stops a statement that runs past it (READ_DEADLINE_PASSED).
 */
export type ReadMessage =
  { id: number; request: ReadRequest; budgetMs?: number } | { id?: undefined; request: HistoryForgetRequest; budgetMs?: undefined };

/** The code of a worker's answer to a statement it stopped at its deadline (the pool answers QueryBudgetExceededError). */
export const READ_DEADLINE_PASSED = 'READ_DEADLINE_PASSED';

export type ReadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string };

export interface ReadWorkerData {
  /** the SQLite file the worker opens read-only */
  file: string;
  /** added to the worker thread's nice value (Linux), so that the request thread wins the CPU */
  nice: number;
  /**
   * the files the handler for history reads opens (lazily, on the first one): the event file and the
   * data subjects' keys; absent when the pool serves no history reads
   */
  history?: { eventsFile: string; subjectKeysFile: string };
}
