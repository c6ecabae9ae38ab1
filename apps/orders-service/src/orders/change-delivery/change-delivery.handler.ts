import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommandExecutor } from '../order-command.executor';
import { ChangeDeliveryCommand } from './change-delivery.command';

@CommandHandler(ChangeDeliveryCommand)
export class ChangeDeliveryHandler implements ICommandHandler<ChangeDeliveryCommand, AcceptedChange> {
  constructor(private readonly executor: OrderCommandExecutor) {}

  execute(command: ChangeDeliveryCommand): Promise<AcceptedChange> {
    return this.executor.execute(command.orderId, {
      type: 'ChangeOrderDelivery',
      orderId: command.orderId,
      delivery: command.delivery,
      orderAction: command.orderAction,
    }, command.meta);
  }
}
