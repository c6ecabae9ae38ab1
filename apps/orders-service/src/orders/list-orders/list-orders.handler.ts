import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_READ_MODEL, type OrderPage, type OrderReadModel } from '@orders/read-models';
import { ListOrdersQuery } from './list-orders.query';

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery, OrderPage> {
  constructor(@Inject(ORDER_READ_MODEL) private readonly readModel: OrderReadModel) {}

  execute({ contactId, offset, count }: ListOrdersQuery): Promise<OrderPage> {
    return this.readModel.listByContact(contactId, offset, count);
  }
}
