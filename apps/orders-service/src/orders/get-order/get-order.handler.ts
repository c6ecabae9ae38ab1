import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_READ_MODEL, type OrderReadModel, type OrderViewRecord } from '@orders/read-models';
import { orderNotFound } from '../../common/problem/api-error';
import { GetOrderQuery } from './get-order.query';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery, OrderViewRecord> {
  constructor(@Inject(ORDER_READ_MODEL) private readonly readModel: OrderReadModel) {}

  async execute({ orderId, contactId }: GetOrderQuery): Promise<OrderViewRecord> {
    const record = await this.readModel.getOrder(orderId);
    if (!record || record.deleted || (contactId !== undefined && record.contactId !== contactId)) throw orderNotFound(orderId);
    return record;
  }
}
