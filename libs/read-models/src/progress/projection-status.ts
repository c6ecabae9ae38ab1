import type { EventStore } from '@orders/event-store';
import type { ProjectionStore } from '../read-model.port';

/** Where a projection stands against the log (SPEC §7 `GET /admin/projections`, CLI `projections status`). */
export interface ProjectionStatus {
  name: string;
  /** global position up to which the projection has applied the log */
  position: number;
  /** position of the last event in the log */
  head: number;
  /** head - position, in log positions */
  lag: number;
  caughtUp: boolean;
}

export async function projectionStatus(eventStore: EventStore, projections: readonly ProjectionStore[]): Promise<ProjectionStatus[]> {
  const head = await eventStore.headPosition();
  return Promise.all(
    projections.map(async (projection) => {
      const position = await projection.checkpoint();
      const lag = Math.max(0, head - position);
      return { name: projection.name, position, head, lag, caughtUp: lag === 0 };
    }),
  );
}
