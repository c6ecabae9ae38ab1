import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommands } from '@orders/application';
import { ReplaceOrderCommand } from './replace-order.command';

@CommandHandler(ReplaceOrderCommand)
export class ReplaceOrderHandler implements ICommandHandler<ReplaceOrderCommand, AcceptedChange> {
  constructor(private readonly orders: OrderCommands) {}

  execute(command: ReplaceOrderCommand): Promise<AcceptedChange> {
    return this.orders.execute(
      command.orderId,
      {
        type: 'ReplaceOrder',
        orderId: command.orderId,
        order: command.order,
        orderAction: command.orderAction,
      },
      command.meta,
    );
  }
}
