import { Query } from '@nestjs/cqrs';
import type { OrderPage } from '@orders/read-models';

/** E1: a contact's orders, newest `createdAt` first. */
export class ListOrdersQuery extends Query<OrderPage> {
  constructor(
    readonly contactId: string,
    readonly offset: number,
    readonly count: number,
  ) {
    super();
  }
}
