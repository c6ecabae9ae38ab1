import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { orderStreamId } from '@orders/domain';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { orderHistory } from '@orders/read-models';
import { orderNotFound } from '../../common/problem/api-error';
import { type OrderHistoryPage, OrderHistoryQuery } from './order-history.query';

/** Reads the order stream from the event store (the read models keep no history) and folds it. */
@QueryHandler(OrderHistoryQuery)
export class OrderHistoryHandler implements IQueryHandler<OrderHistoryQuery, OrderHistoryPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ orderId, offset, count }: OrderHistoryQuery): Promise<OrderHistoryPage> {
    const events = await this.store.readStream(orderStreamId(orderId));
    if (events.length === 0) throw orderNotFound(orderId);
    return { items: orderHistory(events, { offset, count }), totalCount: events.length };
  }
}
