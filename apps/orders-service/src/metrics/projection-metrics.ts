import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { PROJECTION_STORE, type ProjectionStore } from '@orders/read-models';
import { Gauge } from 'prom-client';
import { MetricsService } from './metrics.service';

interface Snapshot {
  head: number;
  position: number;
}

/**
 * Projector gauges, read when Prometheus scrapes: the event store's head position, the projection's
 * checkpoint and the lag between them (in events of the global log). One read per scrape serves all three.
 */
@Injectable()
export class ProjectionMetrics implements OnModuleInit {
  private pending: Promise<Snapshot | undefined> | undefined;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STORE) private readonly projection: ProjectionStore,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const name = this.projection.name;
    const gauge = (metric: string, help: string, value: (s: Snapshot) => number, projection = true) => {
      const read = () => this.snapshot();
      new Gauge({
        name: metric,
        help,
        labelNames: projection ? ['projection'] : [],
        registers,
        async collect() {
          const snapshot = await read();
          if (!snapshot)
            this.reset(); // a store that cannot be read reports no value rather than a stale one
          else if (projection) this.set({ projection: name }, value(snapshot));
          else this.set(value(snapshot));
        },
      });
    };
    gauge('event_store_head_position', 'Global position of the last event in the event store', (s) => s.head, false);
    gauge(
      'projector_position',
      "Global position up to which the projection's read models are up to date (its checkpoint)",
      (s) => s.position,
    );
    gauge('projector_lag', 'Head position minus the projection checkpoint: events on the embedded store, log bytes on EventStoreDB', (s) =>
      Math.max(0, s.head - s.position),
    );
  }

  private snapshot(): Promise<Snapshot | undefined> {
    this.pending ??= Promise.all([this.eventStore.headPosition(), this.projection.checkpoint()])
      .then(([head, position]) => ({ head, position }))
      .catch(() => undefined)
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
