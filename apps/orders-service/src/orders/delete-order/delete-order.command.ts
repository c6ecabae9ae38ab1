import { Command } from '@nestjs/cqrs';
import type { AcceptedChange, CommandMeta } from '@orders/application';

export class DeleteOrderCommand extends Command<AcceptedChange> {
  constructor(
    readonly orderId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
