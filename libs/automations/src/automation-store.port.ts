/** An automation endpoint: where triggers go. */
export interface EndpointRow {
  id: string;
  url: string;
  secret: string;
  /** JSON array of action names, or null for every action */
  actions: string | null;
  created_at_ms: number;
}

/** One trigger for one endpoint, with its delivery state (the outbox row). */
export interface DeliveryRow {
  /** order of enqueueing: lanes deliver in this order */
  seq: number;
  /** the `x-delivery-id`, the same on every attempt; the dead letter's id */
  id: string;
  endpoint_id: string;
  order_id: string;
  trigger_id: string;
  action: string;
  body: string;
  status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  attempts: number;
  next_attempt_at_ms: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/**
 * A delivery's state as the API shows it: `pending` (not tried yet, or re-driven from the dead letters),
 * `retrying` (failed at least once, tried again at `next_attempt_at_ms`), `delivered`, `dead` (a dead
 * letter) or `cancelled` (its endpoint was removed).
 */
export const DELIVERY_STATES = ['pending', 'retrying', 'delivered', 'dead', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const deliveryState = (row: Pick<DeliveryRow, 'status' | 'attempts'>): DeliveryState =>
  row.status === 'pending' ? (row.attempts > 0 ? 'retrying' : 'pending') : row.status;

export interface DeliveryFilter {
  state?: DeliveryState;
  endpointId?: string;
  orderId?: string;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  orderId: string;
  triggerId: string;
  action: string;
  body: string;
}

/**
 * The durable side of automations: endpoints, the outbox of deliveries (one per trigger and endpoint,
 * `(triggerId, endpointId)` unique) and the dispatcher's checkpoint in the log. Adapters: SQLite
 * (`DATA_DIR/automations.sqlite`, embedded) and MongoDB (distributed); one contract suite for both.
 *
 * Lanes: per endpoint × order only the oldest pending delivery (by `seq`) is offered (`dueHeads`),
 * so a failing trigger holds back later triggers of that order for that endpoint and nothing else.
 * A worker `claim`s a head before delivering it: the claim is atomic (two workers never both get it)
 * and makes the delivery not due until the claim expires, so a worker that dies mid-attempt only
 * delays it.
 */
export interface AutomationStore {
  /** creates what the store needs (tables, indexes); idempotent, called once at start */
  prepare(): Promise<void>;

  addEndpoint(row: EndpointRow): Promise<void>;
  /** oldest first */
  endpoints(): Promise<EndpointRow[]>;
  endpoint(id: string): Promise<EndpointRow | undefined>;
  /** removes the endpoint and cancels what it has not received yet; false when there is no such endpoint */
  removeEndpoint(id: string): Promise<boolean>;

  /** the dispatcher's position in the log (0 before the first batch) */
  checkpoint(name: string): Promise<number>;
  /**
   * Enqueues deliveries (a trigger already enqueued for an endpoint is kept as it is, with its id) and
   * moves the checkpoint forward (never back). A crash in between re-enqueues harmlessly.
   */
  enqueue(name: string, deliveries: readonly NewDelivery[], position: number, nowMs: number): Promise<void>;

  /** pending deliveries that are due and first in their lane (endpoint × order), oldest first */
  dueHeads(nowMs: number, limit: number): Promise<DeliveryRow[]>;
  /**
   * Takes a pending, due delivery for one attempt: it is not due again before `untilMs` (unless marked
   * failed earlier). Atomic; null when it is not pending or not due (another worker has it).
   */
  claim(id: string, nowMs: number, untilMs: number): Promise<DeliveryRow | null>;
  /** when the earliest pending delivery is due (ms epoch), or null */
  nextDueAt(): Promise<number | null>;
  markDelivered(id: string, nowMs: number): Promise<void>;
  /** records a failed attempt: retried at `retryAtMs`, or dead-lettered when that is null */
  markFailed(id: string, error: string, retryAtMs: number | null): Promise<void>;
  /** a pending delivery whose endpoint is gone is cancelled */
  cancel(id: string): Promise<void>;

  /** dead letters, oldest first */
  deadLetters(offset: number, count: number): Promise<{ items: DeliveryRow[]; totalCount: number }>;
  /** puts a dead letter back in its lane with fresh attempts; false when there is no such dead letter */
  retryDeadLetter(id: string, nowMs: number): Promise<boolean>;
  delivery(id: string): Promise<DeliveryRow | undefined>;
  /**
   * Removes up to `limit` settled deliveries older than `beforeMs`: delivered ones by their delivery time,
   * cancelled ones by their enqueueing time (pending and dead ones are never pruned). Answers how many.
   */
  pruneSettled(beforeMs: number, limit: number): Promise<number>;
  /**
   * Rewrites the stored trigger body of every delivery of these orders (whatever its state) with
   * `erase(body)`: an erasure (docs/personal-data.md) leaves no personal field in the outbox. Answers how many.
   */
  eraseBodies(orderIds: readonly string[], erase: (body: string) => string): Promise<number>;
  /** every delivery matching the filter, newest (highest `seq`) first */
  deliveries(filter: DeliveryFilter, offset: number, count: number): Promise<{ items: DeliveryRow[]; totalCount: number }>;

  close(): Promise<void>;
}

/** a failed attempt's error as stored */
export const MAX_ERROR_LENGTH = 500;
