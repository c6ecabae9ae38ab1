import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommandExecutor } from '../order-command.executor';
import { ChangeStatusCommand } from './change-status.command';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand, AcceptedChange> {
  constructor(private readonly executor: OrderCommandExecutor) {}

  execute(command: ChangeStatusCommand): Promise<AcceptedChange> {
    return this.executor.execute(command.orderId, { type: 'ChangeOrderStatus', orderId: command.orderId, ...command.change }, command.meta);
  }
}
