import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderHistoryReader } from '@orders/read-models';
import { orderNotFound } from '../../common/problem/api-error';
import { type OrderHistoryPage, OrderHistoryQuery } from './order-history.query';

/**
 * Reads the order stream from the event store (the read models keep no history): only the page's events,
 * folded on from the order view before them (a kept snapshot, see OrderHistoryReader).
 */
@QueryHandler(OrderHistoryQuery)
export class OrderHistoryHandler implements IQueryHandler<OrderHistoryQuery, OrderHistoryPage> {
  constructor(private readonly history: OrderHistoryReader) {}

  async execute({ orderId, offset, count }: OrderHistoryQuery): Promise<OrderHistoryPage> {
    const page = await this.history.page(orderId, offset, count);
    if (!page) throw orderNotFound(orderId);
    return page;
  }
}
