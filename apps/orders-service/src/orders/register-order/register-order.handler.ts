import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommands } from '@orders/application';
import { RegisterOrderCommand } from './register-order.command';

@CommandHandler(RegisterOrderCommand)
export class RegisterOrderHandler implements ICommandHandler<RegisterOrderCommand, AcceptedChange> {
  constructor(private readonly orders: OrderCommands) {}

  execute(command: RegisterOrderCommand): Promise<AcceptedChange> {
    return this.orders.execute(
      command.order.orderId,
      { type: 'RegisterOrder', order: command.order, orderAction: command.orderAction },
      command.meta,
    );
  }
}
