import { Query } from '@nestjs/cqrs';
import type { OrderViewRecord } from '@orders/read-models';

/** E3: one current order; with `contactId`, only if it belongs to that contact. */
export class GetOrderQuery extends Query<OrderViewRecord> {
  constructor(
    readonly orderId: string,
    readonly contactId?: string,
  ) {
    super();
  }
}
