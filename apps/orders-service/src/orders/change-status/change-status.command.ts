import { Command } from '@nestjs/cqrs';
import type { OrderAction, OrderStatus } from '@orders/domain';
import type { AcceptedChange, CommandMeta } from '@orders/application';

export class ChangeStatusCommand extends Command<AcceptedChange> {
  constructor(
    readonly orderId: string,
    readonly change: { status?: OrderStatus; externalStatus?: string; orderAction?: OrderAction },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
