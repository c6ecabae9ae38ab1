import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type HealthIndicatorFunction, type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { PROJECTION_STORE, type ProjectionStore } from '@orders/read-models';
import { BACKEND, type Backend } from '@orders/backend';
import type { AppConfig } from '../config/app-config';
import { StorageFaults } from '../infrastructure/storage-faults';

/** A store that does not answer within this time counts as down. */
export const CHECK_TIMEOUT_MS = 2_000;

type Outcome = { ok: true; value: number } | { ok: false; message: string };

function settle(read: () => Promise<number>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((done) => {
    timer = setTimeout(() => done({ ok: false, message: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  const answer = Promise.resolve()
    .then(read)
    .then(
      (value): Outcome => ({ ok: true, value }),
      (error: unknown): Outcome => ({ ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness (GET /health/ready): the event store answers a cheap read (its head position), the read
 * store answers its checkpoint, the projector is at most READY_MAX_LAG events behind the head, and no
 * write is failing for lack of storage: while a writer's last write failed with a storage fault
 * (StorageFaults), the backend's cheap probe decides — still not writable: down; writable again: the
 * faults are cleared and readiness recovers without waiting for a client's write.
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STORE) private readonly projection: ProjectionStore,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly faults: StorageFaults,
    @Inject(BACKEND) private readonly backend: Backend,
  ) {}

  /**
   * Events after the checkpoint, counted up to maxLag + 1. Positions are dense on the embedded store
   * (the difference is the count) but not on EventStoreDB (byte offsets, always ≥ the count), so only
   * a difference above maxLag needs the bounded read that counts.
   */
  private async eventsBehind(head: number, checkpoint: number, maxLag: number): Promise<number> {
    const difference = Math.max(0, head - checkpoint);
    if (difference <= maxLag) return difference;
    return (await this.eventStore.readAll({ fromPosition: checkpoint, maxCount: maxLag + 1 })).length;
  }

  private async storage(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('storage');
    const faults = this.faults.current();
    if (faults.length === 0) return session.up();
    const probe = await settle(async () => (await this.backend.probeWritable(), 0));
    if (!probe.ok) return session.down({ message: probe.message, faults });
    this.faults.clear();
    return session.up({ recovered: faults.map((fault) => fault.source) });
  }

  /** The four checks; both stores are read once and shared by them. */
  checks(): HealthIndicatorFunction[] {
    const head = settle(() => this.eventStore.headPosition());
    const checkpoint = settle(() => this.projection.checkpoint());
    const maxLag = this.config.get('readyMaxLag', { infer: true });
    return [
      async () => {
        const session = this.indicators.check('eventStore');
        const outcome = await head;
        return outcome.ok ? session.up({ headPosition: outcome.value }) : session.down({ message: outcome.message });
      },
      async () => {
        const session = this.indicators.check('readStore');
        const outcome = await checkpoint;
        return outcome.ok ? session.up({ checkpoint: outcome.value }) : session.down({ message: outcome.message });
      },
      async () => {
        const session = this.indicators.check('projectorLag');
        const [h, c] = await Promise.all([head, checkpoint]);
        if (!h.ok || !c.ok) return session.down({ message: 'unknown: a store is unreachable', maxLag });
        const lag = await settle(() => this.eventsBehind(h.value, c.value, maxLag));
        if (!lag.ok) return session.down({ message: lag.message, maxLag });
        return lag.value <= maxLag
          ? session.up({ lag: lag.value, maxLag })
          : session.down({ message: `the projector is more than ${maxLag} events behind`, lag: lag.value, maxLag });
      },
      () => this.storage(),
    ];
  }
}
