import { Query } from '@nestjs/cqrs';
import type { ProjectionStatus } from '@orders/read-models';

/** SPEC §7 `GET /admin/projections`: per projection position, head, lag and caught-up. */
export class ProjectionsStatusQuery extends Query<ProjectionStatus[]> {}
