import { Module } from '@nestjs/common';
import { ChangeDeliveryHandler } from './change-delivery/change-delivery.handler';
import { ChangeStatusHandler } from './change-status/change-status.handler';
import { DeleteOrderHandler } from './delete-order/delete-order.handler';
import { GetJobHandler } from './get-job/get-job.handler';
import { GetOrderHandler } from './get-order/get-order.handler';
import { GetOrderAtHandler } from './get-order-at/get-order-at.handler';
import { OrderHistoryController } from './order-history/order-history.controller';
import { OrderHistoryHandler } from './order-history/order-history.handler';
import { JobsController } from './jobs/jobs.controller';
import { ListOrdersHandler } from './list-orders/list-orders.handler';
import { OrderCommandExecutor } from './order-command.executor';
import { OrdersController } from './orders.controller';
import { RegisterOrderHandler } from './register-order/register-order.handler';
import { ReplaceOrderHandler } from './replace-order/replace-order.handler';

@Module({
  // JobsController first: its static `orders/jobs/:jobId` route must not be shadowed by `orders/:orderId`.
  controllers: [JobsController, OrdersController, OrderHistoryController],
  providers: [
    OrderCommandExecutor,
    RegisterOrderHandler,
    ReplaceOrderHandler,
    DeleteOrderHandler,
    ChangeStatusHandler,
    ChangeDeliveryHandler,
    GetOrderHandler,
    ListOrdersHandler,
    GetJobHandler,
    GetOrderAtHandler,
    OrderHistoryHandler,
  ],
  // E7 (order-action/) writes through the same executor: one per-order queue for every change
  exports: [OrderCommandExecutor],
})
export class OrdersModule {}
