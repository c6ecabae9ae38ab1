import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CallerKey } from '../auth/caller-key.decorator';
import { RequireScopes } from '../auth/require-scopes.decorator';
import {
  ApiAcceptedJob,
  ApiOrderAnswer,
  ApiOrderPageAnswer,
  ApiOrderWarningsAnswer,
  ApiProblems,
} from '../openapi/order-responses.decorators';
import { ChangeDeliveryCommand } from './change-delivery/change-delivery.command';
import { ChangeStatusCommand } from './change-status/change-status.command';
import { commandMeta } from './command-meta';
import { DeleteOrderCommand } from './delete-order/delete-order.command';
import {
  ChangeDeliveryDto,
  ChangeStatusDto,
  commandOrderInput,
  GetOrderQueryDto,
  ListOrdersQueryDto,
  RegisterOrderDto,
  ReplaceOrderDto,
  toDeliveryChange,
  toOrderAction,
  toStatusChange,
} from './dto';
import { GetOrderQuery } from './get-order/get-order.query';
import { ListOrdersQuery } from './list-orders/list-orders.query';
import { GetOrderAtQuery } from './get-order-at/get-order-at.query';
import { OrderIdPipe } from './order-id.pipe';
import { answerAcceptedChange } from './jobs/accepted-job';
import { presentOrder, presentOrderPage } from './order.presenter';
import { RegisterOrderCommand } from './register-order/register-order.command';
import { ReplaceOrderCommand } from './replace-order/replace-order.command';
import { ConditionalWrite, IdempotentWrite } from './write-endpoint.decorator';

@ApiTags('orders')
@Controller('orders')
@RequireScopes('orders:read')
export class OrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: "E1: a contact's orders, newest createdAt first, paged" })
  @ApiOrderPageAnswer()
  async list(@Query() query: ListOrdersQueryDto) {
    const page = await this.queries.execute(new ListOrdersQuery(query.contactId, query.offset, query.count));
    return presentOrderPage(page, query.contactId, query.offset, query.count);
  }

  @Post()
  @HttpCode(202)
  @IdempotentWrite()
  @ApiOperation({ summary: 'E2: register a new order (may carry an orderAction)' })
  @ApiAcceptedJob()
  @ApiProblems([409, 'ORDER_ALREADY_EXISTS: an order with this orderId exists'])
  async register(@Body() body: RegisterOrderDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const meta = commandMeta(request);
    const change = await this.commands.execute(
      new RegisterOrderCommand(commandOrderInput(body, meta), toOrderAction(body.orderAction), meta),
    );
    return answerAcceptedChange(this.queries, request, reply, change);
  }

  @Get(':orderId')
  @ApiOperation({ summary: 'E3: one order with its versionTag' })
  @ApiOrderAnswer()
  @ApiProblems([
    503,
    'QUERY_BUDGET_EXCEEDED: with versionTag or at, the fold did not finish within SEGMENT_QUERY_BUDGET_MS (waiting for a read slot included) on the embedded read pool and was stopped; retry after Retry-After.',
  ])
  async get(
    @Param('orderId', OrderIdPipe) orderId: string,
    @Query() query: GetOrderQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CallerKey() caller: string,
  ) {
    const asOf = query.versionTag !== undefined || query.at !== undefined;
    const target = { versionTag: query.versionTag, at: query.at };
    const record = asOf
      ? await this.queries.execute(new GetOrderAtQuery(orderId, target, query.contactId, caller))
      : await this.queries.execute(new GetOrderQuery(orderId, query.contactId));
    void reply.header('ETag', `"${record.versionTag}"`);
    if (asOf && record.deleted) void reply.header('X-Order-Deleted', 'true');
    return presentOrder(record);
  }

  @Get(':orderId/warnings')
  @ApiOperation({ summary: "The order's integration log (SPEC §4): accepted problems such as sums that do not add up" })
  @ApiOrderWarningsAnswer()
  async warnings(@Param('orderId', OrderIdPipe) orderId: string) {
    const record = await this.queries.execute(new GetOrderQuery(orderId));
    return { orderId, versionTag: record.versionTag, items: record.warnings };
  }

  @Put(':orderId')
  @HttpCode(202)
  @ConditionalWrite()
  @ApiOperation({ summary: 'E4: replace the whole order (may carry an orderAction)' })
  @ApiAcceptedJob()
  async replace(
    @Param('orderId', OrderIdPipe) orderId: string,
    @Body() body: ReplaceOrderDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const meta = commandMeta(request);
    const command = new ReplaceOrderCommand(orderId, commandOrderInput(body, meta), toOrderAction(body.orderAction), meta);
    return answerAcceptedChange(this.queries, request, reply, await this.commands.execute(command));
  }

  @Delete(':orderId')
  @HttpCode(202)
  @ConditionalWrite()
  @ApiOperation({ summary: 'E5: delete the order (its history stays for audit)' })
  @ApiAcceptedJob()
  async delete(
    @Param('orderId', OrderIdPipe) orderId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answerAcceptedChange(
      this.queries,
      request,
      reply,
      await this.commands.execute(new DeleteOrderCommand(orderId, commandMeta(request))),
    );
  }

  @Post(':orderId/change-status')
  @HttpCode(202)
  @ConditionalWrite()
  @ApiOperation({ summary: 'E8: set status and/or externalStatus (optional orderAction)' })
  @ApiAcceptedJob()
  async changeStatus(
    @Param('orderId', OrderIdPipe) orderId: string,
    @Body() body: ChangeStatusDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const change = await this.commands.execute(new ChangeStatusCommand(orderId, toStatusChange(body), commandMeta(request)));
    return answerAcceptedChange(this.queries, request, reply, change);
  }

  @Post(':orderId/change-delivery')
  @HttpCode(202)
  @ConditionalWrite()
  @ApiOperation({ summary: 'E9: set delivery method, tracking and date (optional orderAction)' })
  @ApiAcceptedJob()
  async changeDelivery(
    @Param('orderId', OrderIdPipe) orderId: string,
    @Body() body: ChangeDeliveryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = new ChangeDeliveryCommand(orderId, toDeliveryChange(body), toOrderAction(body.orderAction), commandMeta(request));
    return answerAcceptedChange(this.queries, request, reply, await this.commands.execute(command));
  }
}
