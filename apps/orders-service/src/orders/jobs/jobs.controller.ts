import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScopes } from '../../auth/require-scopes.decorator';
import { ApiJobAnswers } from '../../openapi/order-responses.decorators';
import { GetJobQuery } from '../get-job/get-job.query';
import { jobHref, orderHref } from './job-links';

@ApiTags('orders')
@Controller('orders/jobs')
@RequireScopes('orders:read')
export class JobsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':jobId')
  @ApiOperation({
    summary: 'E6: state of an asynchronous change',
    description:
      '200 Pending while any read model lags behind the change; 302 to the order once every read model reflects it; 200 Completed for a delete.',
  })
  @ApiJobAnswers()
  async get(@Param('jobId') jobId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const job = await this.queries.execute(new GetJobQuery(jobId));
    const body = { jobId, orderId: job.orderId, status: job.status, href: jobHref(jobId) };
    void reply.header('Cache-Control', 'no-store');
    if (job.status === 'Pending') {
      void reply.header('Location', body.href);
      return body;
    }
    if (!job.deleted) void reply.status(302).header('Location', orderHref(job.orderId));
    return { ...body, versionTag: job.versionTag };
  }
}
