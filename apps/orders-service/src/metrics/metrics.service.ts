import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric of the service, in one registry per app (so that tests can build several apps in one
 * process). Served at GET /metrics in the Prometheus text format; Node's default process metrics
 * are included.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  /** by Fastify route pattern (`/api/v3/orders/:orderId`, never the raw URL), method and status */
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** outcome: `accepted`, or the stable code of the rejection (`ORDER_ALREADY_EXISTS`, `VALIDATION_FAILED`, …) */
  readonly commands = new Counter({
    name: 'commands_total',
    help: 'Commands executed, by command class and outcome (accepted or the rejection code)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  /** outcome: `ok`, `conflict` (wrong expected revision) or `error` */
  readonly eventStoreAppendDuration = new Histogram({
    name: 'event_store_append_duration_seconds',
    help: 'Duration of EventStore appends (until durably committed), by outcome',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /**
   * Automation deliveries (SPEC §5). The automation dispatcher increments it through
   * `recordAutomationDelivery()`; outcome e.g. `delivered`, `failed` (will be retried), `dead_lettered`.
   */
  readonly automationDeliveries = new Counter({
    name: 'automation_deliveries_total',
    help: 'Automation trigger deliveries, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** how many log lines the buffered stdout destination has dropped so far (logging/log-destination.ts), and how many are counted */
  private logLinesDropped: () => number = () => 0;
  private countedLogDrops = 0;
  readonly logDrops = new Counter({
    name: 'log_lines_dropped_total',
    help: 'Log lines dropped because the reader of stdout did not keep up (LOG_BUFFER_MAX_BYTES waiting)',
    registers: [this.registry],
    collect: () => {
      const dropped = this.logLinesDropped();
      if (dropped <= this.countedLogDrops) return;
      this.logDrops.inc(dropped - this.countedLogDrops);
      this.countedLogDrops = dropped;
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** `dropped`: how many log lines the log destination has dropped so far (read at every scrape) */
  watchLogDrops(dropped: () => number): void {
    this.logLinesDropped = dropped;
  }

  recordAutomationDelivery(outcome: string): void {
    this.automationDeliveries.inc({ outcome });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
