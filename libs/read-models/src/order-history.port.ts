import type { OrderAtTarget, OrderHistoryEntry } from './projections/order-history';
import type { ReadContext } from './read-budget';
import type { OrderViewRecord } from './read-model.port';

/** A page of an order's audit history and how many events the order stream has. */
export interface OrderHistoryPage {
  items: OrderHistoryEntry[];
  totalCount: number;
}

/**
 * History and time travel (`/history`, `?versionTag=`, `?at=`), folded from the event store. In the
 * request thread (OrderHistoryReader) or on the read pool's workers (PooledOrderHistory, embedded with
 * threads): there a read counts against `context.caller`'s slots and may reject with
 * QueryBudgetExceededError (read-budget.ts). The backend chooses (Backend.orderHistory).
 */
export interface OrderHistoryQueries {
  /** null when the order stream does not exist */
  page(orderId: string, offset: number, count: number, context?: ReadContext): Promise<OrderHistoryPage | null>;
  /** the order view at a version (its revision) or an instant; null when there was none */
  orderAt(orderId: string, target: OrderAtTarget, context?: ReadContext): Promise<OrderViewRecord | null>;
  /** whether the order stream has any event */
  exists(orderId: string, context?: ReadContext): Promise<boolean>;
  /** drops cached snapshots of the order (its personal data was just erased in this process) */
  forget(orderId: string): void;
}

export const ORDER_HISTORY = Symbol('ORDER_HISTORY');
