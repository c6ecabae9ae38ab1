import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_HISTORY, type OrderHistoryQueries } from '@orders/read-models';
import { orderNotFound } from '../../common/problem/api-error';
import { type OrderHistoryPage, OrderHistoryQuery } from './order-history.query';

/**
 * Reads the order stream from the event store (the read models keep no history): only the page's events,
 * folded on from the order view before them (a kept snapshot, see OrderHistoryReader); embedded with
 * threads on a read-pool worker, within the caller's budget (QueryBudgetExceededError: 503).
 */
@QueryHandler(OrderHistoryQuery)
export class OrderHistoryHandler implements IQueryHandler<OrderHistoryQuery, OrderHistoryPage> {
  constructor(@Inject(ORDER_HISTORY) private readonly history: OrderHistoryQueries) {}

  async execute({ orderId, offset, count, caller }: OrderHistoryQuery): Promise<OrderHistoryPage> {
    const page = await this.history.page(orderId, offset, count, { caller });
    if (!page) throw orderNotFound(orderId);
    return page;
  }
}
