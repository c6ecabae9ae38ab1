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
  | { type: 'OrderActionRequested'; data: { orderId: string; action: OrderAction; version?: number } };

export type OrderEventType = OrderEvent['type'];

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderRegistered',
  'OrderReplaced',
  'OrderDeleted',
  'OrderStatusChanged',
  'OrderDeliveryChanged',
  'OrderActionRequested',
];

/** Current schema version of every order event's data. */
export const ORDER_EVENT_SCHEMA_VERSION = 1;

export const ORDER_STREAM_PREFIX = 'order-';
export const orderStreamId = (orderId: string): string => `${ORDER_STREAM_PREFIX}${orderId}`;
export const orderIdOfStream = (streamId: string): string => streamId.slice(ORDER_STREAM_PREFIX.length);
