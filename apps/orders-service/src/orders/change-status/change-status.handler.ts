import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommands } from '@orders/application';
import { ChangeStatusCommand } from './change-status.command';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand, AcceptedChange> {
  constructor(private readonly orders: OrderCommands) {}

  execute(command: ChangeStatusCommand): Promise<AcceptedChange> {
    return this.orders.execute(command.orderId, { type: 'ChangeOrderStatus', orderId: command.orderId, ...command.change }, command.meta);
  }
}
