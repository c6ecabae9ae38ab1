import type { Delivery, Order, OrderAction, OrderStatus } from './order';

/** Events of an order stream (`order-<orderId>`). `data` is what is stored in the event store. */
export type OrderEvent =
  | { type: 'OrderRegistered'; data: { order: Order } }
  | { type: 'OrderReplaced'; data: { order: Order } }
  | { type: 'OrderDeleted'; data: { orderId: string } }
  | { type: 'OrderStatusChanged'; data: { orderId: string; status?: OrderStatus; externalStatus?: string } }
  | { type: 'OrderDeliveryChanged'; data: { orderId: string; delivery: Delivery } }
  /**
   * An action (SPEC §5). `version` is the order version it applies to (E7 sets it); when absent (an
   * `orderAction` embedded in a change) it applies to the order version of the event just before it.
   */
  | { type: 'OrderActionRequested'; data: { orderId: string; action: OrderAction; version?: number } }
  /**
   * The personal data of the order was erased (its data subject's key destroyed, docs/personal-data.md):
   * from here on its personal fields read as `[erased]`. Carries no personal data; the metadata says who.
   */
  /** `contactId`: the erased contact the order named (absent in events written before it was recorded) */
  | { type: 'OrderPersonalDataErased'; data: { orderId: string; contactId?: string } };

export type OrderEventType = OrderEvent['type'];

/** An event as the store records it: its type and its (upcast) data, with or without the rest. */
export interface StoredEventLike {
  type: string;
  data: unknown;
}

/**
 * The one place a stored `{type, data}` becomes an `OrderEvent`. The data of an order stream is what
 * the decider wrote (upcast on read to the current schema), so it is taken as typed; a type this
 * version does not know stays as it is, and `evolve` lets it move only the revision.
 */
export const toOrderEvent = (event: StoredEventLike): OrderEvent => ({ type: event.type, data: event.data }) as OrderEvent;

/** Recorded events of an order stream as `foldOrderEvents` / `orderAtAction` take them. */
export const toOrderEvents = <E extends StoredEventLike & { revision: number }>(
  events: readonly E[],
): { event: OrderEvent; revision: number }[] => events.map((event) => ({ event: toOrderEvent(event), revision: event.revision }));

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderRegistered',
  'OrderReplaced',
  'OrderDeleted',
  'OrderStatusChanged',
  'OrderDeliveryChanged',
  'OrderActionRequested',
  'OrderPersonalDataErased',
];

/** Current schema version of every order event's data. */
export const ORDER_EVENT_SCHEMA_VERSION = 1;

export const ORDER_STREAM_PREFIX = 'order-';
export const orderStreamId = (orderId: string): string => `${ORDER_STREAM_PREFIX}${orderId}`;
export const orderIdOfStream = (streamId: string): string => streamId.slice(ORDER_STREAM_PREFIX.length);
