import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ORDER_STREAM_PREFIX, orderIdOfStream } from '@orders/domain';
import { EVENT_STORE, type EventStore, FailureBackoff, type RecordedEvent, type Subscription } from '@orders/event-store';
import { CONTACT_RESOLVER, type ContactResolver } from '@orders/read-models';
import { v7 as timeOrderedId } from 'uuid';
import { AUTOMATION_STORE } from './automation.tokens';
import type { AutomationStore, EndpointRow, NewDelivery } from '@orders/automations';
import { DeliveryWorker } from './delivery-worker';
import { TriggerBuilder } from './trigger-builder';
import { StorageFaults } from '../infrastructure/storage-faults';

const CHECKPOINT = 'trigger-dispatcher';
const ACTION_EVENT = 'OrderActionRequested';
/** after a failure (a full disk, say) it resubscribes from its checkpoint after 1 s, 2 s, 4 s … at most 30 s */
const RESUBSCRIBE_DELAY_MS = 1_000;
const RESUBSCRIBE_MAX_DELAY_MS = 30_000;
/**
 * A checkpoint move that stores no delivery (the log read past events of other types) is written at most
 * this often: it is an fsync'd write on the request thread. A restart re-reads at most this much of the
 * log, which dispatches nothing twice (deliveries are unique per trigger and endpoint).
 */
const CHECKPOINT_WRITE_MS = 1_000;
/**
 * Once live, the log is read for action events at most this often (one query per commit before: 4 % of the
 * request thread's CPU under registration load). A trigger waits for the read models anyway (below).
 */
const LIVE_READ_INTERVAL_MS = 50;
/** how long to wait for the read models (contact index) to reach an action before resolving its contact anyway */
const READ_MODEL_WAIT_MS = 5_000;

const wantsAction = (endpoint: EndpointRow, action: string): boolean =>
  endpoint.actions === null || (JSON.parse(endpoint.actions) as string[]).includes(action);

/**
 * Follows the order streams of the global log from its own checkpoint and turns every
 * `OrderActionRequested` into one delivery per endpoint that was registered at the time of the action
 * (and wants that action). Deliveries are stored before the checkpoint moves, and a trigger is stored
 * once per endpoint: a restart neither loses nor doubles a trigger. Runs on one instance at a time
 * (AutomationsRole under Backend.runExclusive). A failure resubscribes with a bounded back-off, logged
 * once when dispatching starts failing and once when it recovers; a storage fault is recorded for readiness.
 */
@Injectable()
export class TriggerDispatcher {
  private readonly logger = new Logger('TriggerDispatcher');
  private subscription: Subscription | null = null;
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** a subscribe() still reading its checkpoint belongs to the run it was started in */
  private run = 0;
  /** a position read past and not yet written (see CHECKPOINT_WRITE_MS) */
  private pendingCheckpoint: number | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private readonly backoff = new FailureBackoff({
    initialDelayMs: RESUBSCRIBE_DELAY_MS,
    maxDelayMs: RESUBSCRIBE_MAX_DELAY_MS,
    onFailing: (error) =>
      this.logger.error(
        `dispatching failed, resubscribing from the checkpoint with back-off: ${error instanceof Error ? error.message : String(error)}`,
      ),
    onRecovered: (failures, since) =>
      this.logger.log(`dispatching recovered after ${failures} failed attempts over ${Math.round((Date.now() - since) / 1000)} s`),
  });

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    private readonly builder: TriggerBuilder,
    private readonly worker: DeliveryWorker,
    @Optional() private readonly faults?: StorageFaults,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.run += 1;
    try {
      await this.subscribe(this.run);
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.run += 1;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.subscription?.stop();
    this.subscription = null;
    await this.writeCheckpoint();
  }

  private async subscribe(run: number): Promise<void> {
    const fromPosition = await this.store.checkpoint(CHECKPOINT);
    if (run !== this.run) return; // stopped meanwhile
    // only the action events: the others are never parsed or opened (their positions come as checkpoints)
    this.subscription = this.events.subscribeToAll(
      {
        fromPosition,
        streamPrefixes: [ORDER_STREAM_PREFIX],
        eventTypes: [ACTION_EVENT],
        batchSize: 200,
        liveReadIntervalMs: LIVE_READ_INTERVAL_MS,
      },
      {
        onEvents: (batch) => this.dispatch(batch),
        onCheckpoint: (position) => this.moveCheckpoint(position),
        onCaughtUp: () => this.succeeded(),
        onError: (error) => this.recover(error),
      },
    );
  }

  private recover(error: unknown): void {
    this.subscription = null;
    const delay = this.backoff.failed(error);
    this.faults?.record('dispatcher', error);
    if (!this.running) return;
    const run = this.run;
    this.retryTimer = setTimeout(() => {
      if (run === this.run) this.subscribe(run).catch((failure: unknown) => this.recover(failure));
    }, delay);
  }

  private succeeded(): void {
    this.backoff.succeeded();
    this.faults?.clear('dispatcher');
  }

  /** Remembers the position; it is written within CHECKPOINT_WRITE_MS, with the next deliveries, or on stop. */
  private moveCheckpoint(position: number): void {
    this.pendingCheckpoint = Math.max(this.pendingCheckpoint ?? 0, position);
    this.succeeded();
    this.checkpointTimer ??= setTimeout(() => void this.writeCheckpoint(), CHECKPOINT_WRITE_MS).unref();
  }

  private async writeCheckpoint(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    const position = this.pendingCheckpoint;
    if (position === null) return;
    this.pendingCheckpoint = null;
    try {
      await this.store.enqueue(CHECKPOINT, [], position, Date.now());
    } catch (error) {
      // kept for the next try; meanwhile a restart would re-read from the last written checkpoint
      this.pendingCheckpoint = Math.max(this.pendingCheckpoint ?? 0, position);
      this.faults?.record('dispatcher', error);
      this.logger.warn(`writing the dispatcher checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async dispatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    if (!last) return;
    const actions = batch.filter((event) => event.type === ACTION_EVENT);
    const deliveries: NewDelivery[] = [];
    if (actions.length > 0) {
      await this.waitForReadModels(actions[actions.length - 1]!.position);
      const endpoints = await this.store.endpoints();
      for (const event of actions) deliveries.push(...(await this.deliveriesOf(event, endpoints)));
    }
    await this.store.enqueue(CHECKPOINT, deliveries, last.position, Date.now());
    if (this.pendingCheckpoint !== null && this.pendingCheckpoint <= last.position) this.pendingCheckpoint = null;
    this.succeeded();
    if (deliveries.length > 0) this.worker.wake();
  }

  private async deliveriesOf(event: RecordedEvent, endpoints: EndpointRow[]): Promise<NewDelivery[]> {
    const requestedAtMs = Date.parse(event.createdAt);
    const targets = endpoints.filter((endpoint) => endpoint.created_at_ms <= requestedAtMs);
    if (targets.length === 0) return [];
    const trigger = await this.builder.build(event);
    if (!trigger) {
      this.logger.warn(`action event ${event.id} (${event.streamId}@${event.revision}) names no order version: skipped`);
      return [];
    }
    const body = JSON.stringify(trigger);
    return targets
      .filter((endpoint) => wantsAction(endpoint, trigger.action))
      .map((endpoint) => ({
        id: timeOrderedId(), // UUID v7: the table's id index grows at its end (docs/performance.md, time-ordered ids)
        endpointId: endpoint.id,
        orderId: orderIdOfStream(event.streamId),
        triggerId: event.id,
        action: trigger.action,
        body,
      }));
  }

  /** The contact index should reflect everything up to the action; bounded, so a stopped projector only delays. */
  private async waitForReadModels(position: number): Promise<void> {
    const until = Date.now() + READ_MODEL_WAIT_MS;
    while (this.running && Date.now() < until && (await this.contacts.position()) < position) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
