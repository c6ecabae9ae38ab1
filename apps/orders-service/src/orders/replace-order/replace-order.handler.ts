import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommandExecutor } from '../order-command.executor';
import { ReplaceOrderCommand } from './replace-order.command';

@CommandHandler(ReplaceOrderCommand)
export class ReplaceOrderHandler implements ICommandHandler<ReplaceOrderCommand, AcceptedChange> {
  constructor(private readonly executor: OrderCommandExecutor) {}

  execute(command: ReplaceOrderCommand): Promise<AcceptedChange> {
    return this.executor.execute(command.orderId, {
      type: 'ReplaceOrder',
      orderId: command.orderId,
      order: command.order,
      orderAction: command.orderAction,
    }, command.meta);
  }
}
