import { Query } from '@nestjs/cqrs';
import type { OrderHistoryPage } from '@orders/read-models';

export type { OrderHistoryPage };

/** SPEC §7: a page of the order's audit history (every event of its stream, also after deletion). */
export class OrderHistoryQuery extends Query<OrderHistoryPage> {
  constructor(
    readonly orderId: string,
    readonly offset: number,
    readonly count: number,
    /** the API key whose read slots and budget the read counts against (ReadContext) */
    readonly caller = '',
  ) {
    super();
  }
}
