import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { PROJECTION_STORE, type ProjectionStatus, type ProjectionStore, projectionStatus } from '@orders/read-models';
import { ProjectionsStatusQuery } from './projections-status.query';

/** The same figures as `npm run cli -- projections status`: the checkpoint against the log's head. */
@QueryHandler(ProjectionsStatusQuery)
export class ProjectionsStatusHandler implements IQueryHandler<ProjectionsStatusQuery, ProjectionStatus[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STORE) private readonly projection: ProjectionStore,
  ) {}

  execute(): Promise<ProjectionStatus[]> {
    return projectionStatus(this.eventStore, [this.projection]);
  }
}
