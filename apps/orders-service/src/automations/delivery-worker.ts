import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AutomationConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { AUTOMATION_CONFIG, AUTOMATION_STORE } from './automation.tokens';
import type { AutomationStore, DeliveryRow } from './automation-store';
import { nextAttemptAt } from './retry-policy';
import { signTrigger } from './trigger-signature';

const MAX_CONCURRENT = 16;
const MAX_POLL_MS = 250;

const laneOf = (d: DeliveryRow): string => `${d.endpoint_id}\u0000${d.order_id}`;

/**
 * Delivers the outbox: per lane (endpoint × order) only the oldest pending delivery is attempted, so
 * a failing trigger holds back later triggers of the same order for that endpoint and nothing else.
 * A failure is retried with exponential back-off (capped); after the last attempt the delivery moves
 * to the dead letters and the lane moves on.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger('AutomationDelivery');
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** aborts in-flight requests on shutdown (they count as failed attempts and are retried after the restart) */
  private stopping = new AbortController();

  constructor(
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    @Inject(AUTOMATION_CONFIG) private readonly config: AutomationConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  start(): void {
    this.running = true;
    this.stopping = new AbortController();
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Looks for due deliveries now (new triggers, a dead letter put back). */
  wake(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (!this.running) return;
    try {
      const now = Date.now();
      const free = MAX_CONCURRENT - this.inFlight.size;
      const heads = free > 0 ? this.store.dueHeads(now, MAX_CONCURRENT * 2).filter((d) => !this.inFlight.has(laneOf(d))) : [];
      for (const delivery of heads.slice(0, free)) {
        const lane = laneOf(delivery);
        this.inFlight.set(lane, this.attempt(delivery).finally(() => {
          this.inFlight.delete(lane);
          this.wake();
        }));
      }
      const next = this.store.nextDueAt();
      const poll = Math.min(MAX_POLL_MS, this.config.retryBaseMs);
      this.schedule(next === null ? poll : Math.min(poll, Math.max(0, next - now)));
    } catch (error) {
      this.logger.error(`delivery loop: ${error instanceof Error ? error.message : String(error)}`);
      this.schedule(MAX_POLL_MS);
    }
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const endpoint = this.store.endpoint(delivery.endpoint_id);
    if (!endpoint) return;
    let failure: string;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.config.timeoutMs), this.stopping.signal]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'orders-service-automations/1',
          'x-signature': signTrigger(delivery.body, endpoint.secret),
          'x-delivery-id': delivery.id,
          'x-trigger-id': delivery.trigger_id,
          'x-delivery-attempt': String(delivery.attempts + 1),
        },
        body: delivery.body,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        this.store.markDelivered(delivery.id, Date.now());
        this.metrics?.recordAutomationDelivery('delivered');
        return;
      }
      failure = `HTTP ${response.status}`;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      failure = `${error instanceof Error ? error.message : String(error)}${cause}`;
    }
    const retryAt = nextAttemptAt(Date.now(), delivery.attempts + 1, this.config);
    this.store.markFailed(delivery.id, failure, retryAt);
    this.metrics?.recordAutomationDelivery(retryAt === null ? 'dead_lettered' : 'failed');
    if (retryAt === null) this.logger.warn(`delivery ${delivery.id} to ${endpoint.url} dead-lettered after ${delivery.attempts + 1} attempts: ${failure}`);
  }
}
