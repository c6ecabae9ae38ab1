import { Command } from '@nestjs/cqrs';
import type { Delivery, OrderAction } from '@orders/domain';
import type { AcceptedChange, CommandMeta } from '@orders/application';

export class ChangeDeliveryCommand extends Command<AcceptedChange> {
  constructor(
    readonly orderId: string,
    readonly delivery: Delivery,
    readonly orderAction: OrderAction | undefined,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
