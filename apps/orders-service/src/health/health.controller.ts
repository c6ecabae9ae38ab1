import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { ReadinessIndicators } from './readiness.indicators';

/** Outside the /api/v3 prefix (see create-app's setGlobalPrefix exclude). */
export const HEALTH_PATHS = ['health/live', 'health/ready'];

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  live(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    const serving = () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) });
    return this.answer(reply, [serving]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: event store and read store answer, and the projector lag is within READY_MAX_LAG',
    description: '503 with the failing checks under `error` when a store is unreachable or the projector lags too far behind.',
  })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.answer(reply, this.readiness.checks());
  }

  /** Terminus' own body on 503 too (not a problem document): what probes and dashboards expect. */
  private async answer(reply: FastifyReply, checks: Parameters<HealthCheckService['check']>[0]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
