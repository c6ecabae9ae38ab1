import { Query } from '@nestjs/cqrs';
import type { OrderViewRecord } from '@orders/read-models';

/** SPEC §7: the order as it was at a versionTag or at an instant, rebuilt from its events. */
export class GetOrderAtQuery extends Query<OrderViewRecord> {
  constructor(
    readonly orderId: string,
    readonly target: { versionTag?: string; at?: string },
    readonly contactId?: string,
    /** the API key whose read slots and budget the read counts against (ReadContext) */
    readonly caller = '',
  ) {
    super();
  }
}
