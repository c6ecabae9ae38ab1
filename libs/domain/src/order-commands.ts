import type { FieldErrors } from './field-errors';
import type { Delivery, OrderAction, OrderInput, OrderStatus } from './order';

export type OrderCommand =
  | { type: 'RegisterOrder'; order: OrderInput; orderAction?: OrderAction }
  | { type: 'ReplaceOrder'; orderId: string; order: OrderInput; orderAction?: OrderAction }
  | { type: 'DeleteOrder'; orderId: string }
  | {
      type: 'ChangeOrderStatus';
      orderId: string;
      status?: OrderStatus;
      externalStatus?: string;
      orderAction?: OrderAction;
    }
  | { type: 'ChangeOrderDelivery'; orderId: string; delivery: Delivery; orderAction?: OrderAction };

export type OrderCommandType = OrderCommand['type'];

/** What the decider needs from the outside world, passed in so that it stays pure. */
export interface DecideContext {
  /** ISO 8601 date-time of now (registration time) */
  now: string;
}

export type Rejection =
  | { code: 'ORDER_ALREADY_EXISTS'; message: string }
  | { code: 'ORDER_NOT_FOUND'; message: string }
  | { code: 'VALIDATION_FAILED'; message: string; errors: FieldErrors };
