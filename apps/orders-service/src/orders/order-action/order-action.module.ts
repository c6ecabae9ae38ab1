import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders.module';
import { OrderActionController } from './order-action.controller';
import { RequestActionHandler } from './request-action.handler';

/** E7 `POST /orders/{orderId}/action` (SPEC §5). */
@Module({
  imports: [OrdersModule],
  controllers: [OrderActionController],
  providers: [RequestActionHandler],
})
export class OrderActionModule {}
