import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/** Requests Fastify routed to no route (404s for unknown paths) share one label, so raw URLs never become series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every HTTP answer in a Fastify onResponse hook, labelled with the route pattern
 * (`/api/v3/orders/:orderId`), so that answers produced before Nest's pipeline (415, 413, 429, 401)
 * are counted as well.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: String(reply.statusCode) };
      this.metrics.httpRequests.inc(labels);
      this.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
      done();
    });
  }
}
