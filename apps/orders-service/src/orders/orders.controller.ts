import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangeDeliveryCommand } from './change-delivery/change-delivery.command';
import { ChangeStatusCommand } from './change-status/change-status.command';
import { commandMeta } from './command-meta';
import { DeleteOrderCommand } from './delete-order/delete-order.command';
import {
  ChangeDeliveryDto,
  ChangeStatusDto,
  GetOrderQueryDto,
  ListOrdersQueryDto,
  RegisterOrderDto,
  ReplaceOrderDto,
  toDeliveryChange,
  toOrderAction,
  toOrderInput,
  toStatusChange,
} from './dto';
import { GetOrderQuery } from './get-order/get-order.query';
import { ListOrdersQuery } from './list-orders/list-orders.query';
import { presentAcceptedJob, presentOrder, presentOrderPage } from './order.presenter';
import type { AcceptedChange } from './order-command.executor';
import { RegisterOrderCommand } from './register-order/register-order.command';
import { ReplaceOrderCommand } from './replace-order/replace-order.command';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private accepted(reply: FastifyReply, change: AcceptedChange) {
    const body = presentAcceptedJob(change);
    void reply.header('Location', body.href);
    return body;
  }

  @Get()
  @ApiOperation({ summary: "E1: a contact's orders, newest createdAt first, paged" })
  async list(@Query() query: ListOrdersQueryDto) {
    const page = await this.queries.execute(new ListOrdersQuery(query.contactId, query.offset, query.count));
    return presentOrderPage(page, query.contactId, query.offset, query.count);
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'E2: register a new order (may carry an orderAction)' })
  async register(@Body() body: RegisterOrderDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const change = await this.commands.execute(new RegisterOrderCommand(toOrderInput(body), toOrderAction(body.orderAction), commandMeta(request)));
    return this.accepted(reply, change);
  }

  @Get(':orderId')
  @ApiOperation({ summary: 'E3: one order with its versionTag' })
  async get(@Param('orderId') orderId: string, @Query() query: GetOrderQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const record = await this.queries.execute(new GetOrderQuery(orderId, query.contactId));
    void reply.header('ETag', `"${record.versionTag}"`);
    return presentOrder(record);
  }

  @Get(':orderId/warnings')
  @ApiOperation({ summary: "The order's integration log (SPEC §4): accepted problems such as sums that do not add up" })
  async warnings(@Param('orderId') orderId: string) {
    const record = await this.queries.execute(new GetOrderQuery(orderId));
    return { orderId, versionTag: record.versionTag, items: record.warnings };
  }

  @Put(':orderId')
  @HttpCode(202)
  @ApiOperation({ summary: 'E4: replace the whole order (may carry an orderAction)' })
  async replace(
    @Param('orderId') orderId: string,
    @Body() body: ReplaceOrderDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = new ReplaceOrderCommand(orderId, toOrderInput(body), toOrderAction(body.orderAction), commandMeta(request));
    return this.accepted(reply, await this.commands.execute(command));
  }

  @Delete(':orderId')
  @HttpCode(202)
  @ApiOperation({ summary: 'E5: delete the order (its history stays for audit)' })
  async delete(@Param('orderId') orderId: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.accepted(reply, await this.commands.execute(new DeleteOrderCommand(orderId, commandMeta(request))));
  }

  @Post(':orderId/change-status')
  @HttpCode(202)
  @ApiOperation({ summary: 'E8: set status and/or externalStatus (optional orderAction)' })
  async changeStatus(
    @Param('orderId') orderId: string,
    @Body() body: ChangeStatusDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.accepted(reply, await this.commands.execute(new ChangeStatusCommand(orderId, toStatusChange(body), commandMeta(request))));
  }

  @Post(':orderId/change-delivery')
  @HttpCode(202)
  @ApiOperation({ summary: 'E9: set delivery method, tracking and date (optional orderAction)' })
  async changeDelivery(
    @Param('orderId') orderId: string,
    @Body() body: ChangeDeliveryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = new ChangeDeliveryCommand(orderId, toDeliveryChange(body), toOrderAction(body.orderAction), commandMeta(request));
    return this.accepted(reply, await this.commands.execute(command));
  }
}
