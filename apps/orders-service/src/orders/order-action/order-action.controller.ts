import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAcceptedJob, ApiProblems } from '../../openapi/order-responses.decorators';
import { commandMeta } from '../command-meta';
import { answerAcceptedChange } from '../jobs/accepted-job';
import { OrderIdPipe } from '../order-id.pipe';
import { ConditionalWrite } from '../write-endpoint.decorator';
import { OrderActionRequestDto } from './order-action-request.dto';
import { RequestActionCommand } from './request-action.command';

@ApiTags('orders')
@Controller('orders')
export class OrderActionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':orderId/action')
  @HttpCode(202)
  @ConditionalWrite()
  @ApiOperation({ summary: 'E7: trigger an action on the current version of the order (its versionTag)' })
  @ApiAcceptedJob()
  @ApiProblems(
    [404, 'ORDER_NOT_FOUND, or VERSION_TAG_MISMATCH when versionTag is not the current one'],
    [422, "ORDER_HAS_NO_CONTACT: the order's contact is not resolved (or IDEMPOTENCY_KEY_REUSED)"],
  )
  async action(
    @Param('orderId', OrderIdPipe) orderId: string,
    @Body() body: OrderActionRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { versionTag, action, language, data } = body;
    const change = await this.commands.execute(
      new RequestActionCommand(orderId, { action, language, data, versionTag }, commandMeta(request)),
    );
    return answerAcceptedChange(this.queries, request, reply, change);
  }
}
