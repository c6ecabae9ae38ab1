import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommandExecutor } from '../order-command.executor';
import { RegisterOrderCommand } from './register-order.command';

@CommandHandler(RegisterOrderCommand)
export class RegisterOrderHandler implements ICommandHandler<RegisterOrderCommand, AcceptedChange> {
  constructor(private readonly executor: OrderCommandExecutor) {}

  execute(command: RegisterOrderCommand): Promise<AcceptedChange> {
    return this.executor.execute(command.order.orderId, { type: 'RegisterOrder', order: command.order, orderAction: command.orderAction }, command.meta);
  }
}
