import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommandExecutor } from '../order-command.executor';
import { DeleteOrderCommand } from './delete-order.command';

@CommandHandler(DeleteOrderCommand)
export class DeleteOrderHandler implements ICommandHandler<DeleteOrderCommand, AcceptedChange> {
  constructor(private readonly executor: OrderCommandExecutor) {}

  execute(command: DeleteOrderCommand): Promise<AcceptedChange> {
    return this.executor.execute(command.orderId, { type: 'DeleteOrder', orderId: command.orderId }, command.meta);
  }
}
