import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommands } from '@orders/application';
import { ChangeDeliveryCommand } from './change-delivery.command';

@CommandHandler(ChangeDeliveryCommand)
export class ChangeDeliveryHandler implements ICommandHandler<ChangeDeliveryCommand, AcceptedChange> {
  constructor(private readonly orders: OrderCommands) {}

  execute(command: ChangeDeliveryCommand): Promise<AcceptedChange> {
    return this.orders.execute(
      command.orderId,
      {
        type: 'ChangeOrderDelivery',
        orderId: command.orderId,
        delivery: command.delivery,
        orderAction: command.orderAction,
      },
      command.meta,
    );
  }
}
