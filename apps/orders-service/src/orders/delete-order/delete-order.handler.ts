import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommands } from '@orders/application';
import { DeleteOrderCommand } from './delete-order.command';

@CommandHandler(DeleteOrderCommand)
export class DeleteOrderHandler implements ICommandHandler<DeleteOrderCommand, AcceptedChange> {
  constructor(private readonly orders: OrderCommands) {}

  execute(command: DeleteOrderCommand): Promise<AcceptedChange> {
    return this.orders.execute(command.orderId, { type: 'DeleteOrder', orderId: command.orderId }, command.meta);
  }
}
