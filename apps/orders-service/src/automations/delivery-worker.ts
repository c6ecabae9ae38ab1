import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AutomationConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { AUTOMATION_CONFIG, AUTOMATION_STORE } from './automation.tokens';
import { nextAttemptAt } from './retry-policy';
import type { AutomationStore, DeliveryRow } from '@orders/automations';
import { signTrigger } from './trigger-signature';
import { type AttemptOutcome, TriggerTransport } from './trigger-transport';

const MAX_CONCURRENT = 16;
const MAX_POLL_MS = 250;
/** a claim covers one attempt (bounded by AUTOMATION_TIMEOUT_MS) plus recording its outcome */
export const CLAIM_MARGIN_MS = 2_000;
/** settled deliveries past AUTOMATION_RETENTION_HOURS are pruned this often, in batches */
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 1_000;

const laneOf = (d: DeliveryRow): string => `${d.endpoint_id}\u0000${d.order_id}`;
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
/** the outcome as stored in `lastError`: `HTTP 503`, or the short reason */
const describe = (outcome: AttemptOutcome): string => ('status' in outcome ? `HTTP ${outcome.status}` : outcome.reason);

/**
 * Delivers the outbox: per lane (endpoint × order) only the oldest pending delivery is attempted, so
 * a failing trigger holds back later triggers of the same order for that endpoint and nothing else.
 * Each attempt first claims its delivery in the store (atomic: two workers never deliver the same
 * one; a worker that dies mid-attempt delays it by the claim, AUTOMATION_TIMEOUT_MS + 2 s). A failure
 * is retried with exponential back-off (capped); after the last attempt the delivery moves to the
 * dead letters and the lane moves on. Every failed attempt is logged (`automation delivery failed`,
 * warn) with the HTTP status or a short reason — never the network's error text — and so is a dead
 * letter (`automation delivery dead-lettered`, error).
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger('AutomationDelivery');
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private pruning: Promise<void> | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private running = false;
  /** aborts in-flight requests on shutdown (they count as failed attempts and are retried after the restart) */
  private stopping = new AbortController();

  constructor(
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    @Inject(AUTOMATION_CONFIG) private readonly config: AutomationConfig,
    private readonly transport: TriggerTransport,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.wake();
    if (this.config.retentionHours > 0) {
      this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
      this.prune();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    this.stopping.abort();
    await this.pruning;
    await this.polling;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Removes delivered and cancelled deliveries older than AUTOMATION_RETENTION_HOURS (a few batches per run). */
  private prune(): void {
    if (this.pruning) return;
    const before = Date.now() - this.config.retentionHours * 3_600_000;
    this.pruning = (async () => {
      let removed = 0;
      for (let batch = 0; batch < 10 && this.running; batch += 1) {
        const n = await this.store.pruneSettled(before, PRUNE_BATCH);
        removed += n;
        if (n < PRUNE_BATCH) break;
      }
      if (removed > 0) this.logger.log({ msg: 'automation deliveries pruned', removed, before: new Date(before).toISOString() });
    })()
      .catch((error: unknown) => this.logger.warn({ msg: `pruning automation deliveries failed: ${messageOf(error)}` }))
      .finally(() => (this.pruning = null));
  }

  /** Looks for due deliveries now (new triggers, a dead letter put back). */
  wake(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.polling) {
      if (delayMs === 0) this.pollAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (!this.running) return;
    this.polling = this.poll()
      .catch((error: unknown) => {
        this.logger.error(`delivery loop: ${messageOf(error)}`);
        return MAX_POLL_MS;
      })
      .then((delayMs) => {
        this.polling = null;
        const again = this.pollAgain;
        this.pollAgain = false;
        this.schedule(again ? 0 : delayMs);
      });
  }

  /** starts what is due and free; answers how long to wait before looking again */
  private async poll(): Promise<number> {
    const free = MAX_CONCURRENT - this.inFlight.size;
    if (free > 0) {
      const heads = (await this.store.dueHeads(Date.now(), MAX_CONCURRENT * 2)).filter((d) => !this.inFlight.has(laneOf(d))).slice(0, free);
      if (!this.running) return MAX_POLL_MS;
      const now = Date.now();
      const claimed = await Promise.all(heads.map((d) => this.store.claim(d.id, now, now + this.config.timeoutMs + CLAIM_MARGIN_MS)));
      for (const delivery of claimed) {
        if (!delivery || !this.running) continue;
        const lane = laneOf(delivery);
        const attempt = this.attempt(delivery)
          .catch((error: unknown) => this.logger.error(`delivery ${delivery.id}: ${messageOf(error)}`))
          .finally(() => {
            this.inFlight.delete(lane);
            this.wake();
          });
        this.inFlight.set(lane, attempt);
      }
    }
    const next = await this.store.nextDueAt();
    const poll = Math.min(MAX_POLL_MS, this.config.retryBaseMs);
    return next === null ? poll : Math.min(poll, Math.max(0, next - Date.now()));
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const endpoint = await this.store.endpoint(delivery.endpoint_id);
    if (!endpoint) {
      await this.store.cancel(delivery.id); // the endpoint was removed after the trigger was enqueued
      return;
    }
    const attempt = delivery.attempts + 1;
    const outcome = await this.transport.post({
      url: endpoint.url,
      timeoutMs: this.config.timeoutMs,
      signal: this.stopping.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'orders-service-automations/1',
        'x-signature': signTrigger(delivery.body, endpoint.secret),
        'x-delivery-id': delivery.id,
        'x-trigger-id': delivery.trigger_id,
        'x-delivery-attempt': String(attempt),
      },
      body: delivery.body,
    });
    if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) {
      await this.store.markDelivered(delivery.id, Date.now());
      this.metrics?.recordAutomationDelivery('delivered');
      return;
    }
    const retryAt = nextAttemptAt(Date.now(), attempt, this.config);
    await this.store.markFailed(delivery.id, describe(outcome), retryAt);
    this.metrics?.recordAutomationDelivery(retryAt === null ? 'dead_lettered' : 'failed');
    const fields = { deliveryId: delivery.id, endpointId: delivery.endpoint_id, orderId: delivery.order_id, ...outcome };
    this.logger.warn({
      msg: 'automation delivery failed',
      ...fields,
      attempt,
      ...(retryAt !== null ? { nextAttemptAt: new Date(retryAt).toISOString() } : {}),
    });
    if (retryAt === null) this.logger.error({ msg: 'automation delivery dead-lettered', ...fields, attempts: attempt });
  }
}
