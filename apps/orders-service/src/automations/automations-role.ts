import { Injectable } from '@nestjs/common';
import type { LeasedWork } from '@orders/read-models/mongo';
import { DeliveryWorker } from './delivery-worker';
import { TriggerDispatcher } from './trigger-dispatcher';

/**
 * The dispatcher role: the trigger dispatcher and the delivery worker, started and stopped together
 * through `Backend.runExclusive('dispatcher', …)` (embedded: at once; distributed: while this
 * instance holds the lease). Stopping is idempotent; after close() it never starts again (a lease won
 * during shutdown starts nothing).
 */
@Injectable()
export class AutomationsRole implements LeasedWork {
  private started = false;
  private closed = false;

  constructor(
    private readonly dispatcher: TriggerDispatcher,
    private readonly worker: DeliveryWorker,
  ) {}

  get running(): boolean {
    return this.started;
  }

  async start(): Promise<void> {
    if (this.closed || this.started) return;
    await this.worker.start();
    try {
      await this.dispatcher.start();
    } catch (error) {
      await this.worker.stop();
      throw error;
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.dispatcher.stop(); // no new deliveries first
    await this.worker.stop();
  }

  /** stops for good (shutdown) */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }
}
