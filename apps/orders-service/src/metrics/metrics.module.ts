import { Global, Module } from '@nestjs/common';
import { CommandMetricsHook } from './command-metrics.hook';
import { HttpMetricsHook } from './http-metrics.hook';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ProjectionMetrics } from './projection-metrics';

/** Prometheus metrics at GET /metrics; MetricsService is global so that any module can record into it. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsHook, CommandMetricsHook, ProjectionMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
