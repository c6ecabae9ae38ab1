import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, HEALTH_PATHS } from './health.controller';
import { ReadinessIndicators } from './readiness.indicators';

export { HEALTH_PATHS };

/** GET /health/live and /health/ready (@nestjs/terminus), reachable without an API key. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [ReadinessIndicators],
})
export class HealthModule {}
