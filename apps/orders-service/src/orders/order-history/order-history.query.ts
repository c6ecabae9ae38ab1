import { Query } from '@nestjs/cqrs';
import type { OrderHistoryEntry } from '@orders/read-models';

export interface OrderHistoryPage {
  items: OrderHistoryEntry[];
  totalCount: number;
}

/** SPEC §7: a page of the order's audit history (every event of its stream, also after deletion). */
export class OrderHistoryQuery extends Query<OrderHistoryPage> {
  constructor(
    readonly orderId: string,
    readonly offset: number,
    readonly count: number,
  ) {
    super();
  }
}
