import type { OrderHistoryPage, OrderHistoryQueries } from '../../order-history.port';
import type { OrderAtTarget } from '../../projections/order-history';
import type { ReadContext } from '../../read-budget';
import type { OrderViewRecord } from '../../read-model.port';
import type { ReadPool } from '../read-pool/read-pool';

/**
 * History and time travel on the read pool (read-pool.ts): each read is folded by a worker's own
 * OrderHistoryReader over the event file (the handler the backend gives its read workers), so a long fold
 * (the first read of an order with thousands of events, no snapshot yet) delays only itself, within the
 * pool's budget (QueryBudgetExceededError, the worker terminated) and the caller's slots. Answers are
 * structured-cloned: the same plain data the in-thread reader returns.
 *
 * Each worker keeps its own snapshots. forget() reaches them by a broadcast, best effort: it is queued on
 * every worker's port before any read sent after it (a read already running may still keep a snapshot it
 * folded before), and a worker started later has no snapshots; the reader's personal-data TTL
 * (OrderHistoryReaderLimits.personalDataTtlMs, 1 s) bounds what is missed.
 */
export class PooledOrderHistory implements OrderHistoryQueries {
  constructor(private readonly pool: ReadPool) {}

  async page(orderId: string, offset: number, count: number, context: ReadContext = {}): Promise<OrderHistoryPage | null> {
    return (await this.pool.run(context.caller ?? '', { kind: 'history', op: 'page', orderId, offset, count })) as OrderHistoryPage | null;
  }

  async orderAt(orderId: string, target: OrderAtTarget, context: ReadContext = {}): Promise<OrderViewRecord | null> {
    return (await this.pool.run(context.caller ?? '', { kind: 'history', op: 'orderAt', orderId, target })) as OrderViewRecord | null;
  }

  async exists(orderId: string, context: ReadContext = {}): Promise<boolean> {
    return (await this.pool.run(context.caller ?? '', { kind: 'history', op: 'exists', orderId })) as boolean;
  }

  forget(orderId: string): void {
    this.pool.broadcast({ kind: 'history', op: 'forget', orderId });
  }
}
