import { Module } from '@nestjs/common';
import { OrderCommands } from '@orders/application';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { BACKEND, type Backend } from '@orders/backend';
import { ORDER_HISTORY } from '@orders/read-models';
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
import { OrdersController } from './orders.controller';
import { RegisterOrderHandler } from './register-order/register-order.handler';
import { ReplaceOrderHandler } from './replace-order/replace-order.handler';

@Module({
  // JobsController first: its static `orders/jobs/:jobId` route must not be shadowed by `orders/:orderId`.
  controllers: [JobsController, OrdersController, OrderHistoryController],
  providers: [
    // the library's command side, one instance: one per-order queue for every change
    { provide: OrderCommands, useFactory: (store: EventStore) => new OrderCommands(store), inject: [EVENT_STORE] },
    // history and time travel: reads only what they need, from snapshots kept in memory; the backend
    // chooses where (embedded with threads: on the read pool's workers, with its budget)
    { provide: ORDER_HISTORY, useFactory: (backend: Backend) => backend.orderHistory, inject: [BACKEND] },
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
  // E7 (order-action/) writes through the same instance
  exports: [OrderCommands, ORDER_HISTORY],
})
export class OrdersModule {}
