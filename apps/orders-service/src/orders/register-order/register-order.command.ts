import { Command } from '@nestjs/cqrs';
import type { OrderAction, OrderInput } from '@orders/domain';
import type { AcceptedChange, CommandMeta } from '@orders/application';

export class RegisterOrderCommand extends Command<AcceptedChange> {
  constructor(
    readonly order: OrderInput,
    readonly orderAction: OrderAction | undefined,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
