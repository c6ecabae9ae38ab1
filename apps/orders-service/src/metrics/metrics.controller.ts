import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { MetricsService } from './metrics.service';

/** Outside the /api/v3 prefix (see create-app's setGlobalPrefix exclude). */
export const METRICS_PATH = 'metrics';

@ApiTags('operations')
@Public()
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'HTTP requests and latency by route pattern and status, commands by type and outcome, event-store append latency, ' +
      'projector position/head/lag, automation deliveries, and the Node.js process metrics.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The Prometheus text exposition format (version 0.0.4).',
    content: {
      'text/plain': {
        schema: { type: 'string', example: 'http_requests_total{method="GET",route="/api/v3/orders/:orderId",status_code="200"} 3' },
      },
    },
  })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('Content-Type', this.metrics.contentType());
    return this.metrics.render();
  }
}
