import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { encodeVersionTag, orderStreamId } from '@orders/domain';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { PROJECTION_STORE, type ProjectionStore } from '@orders/read-models';
import { jobNotFound } from '../../common/problem/api-error';
import { decodeJobId } from '../jobs/job-id';
import { GetJobQuery, type JobStatus } from './get-job.query';

/**
 * A job is the change event at (order, revision). It is completed once the projector's checkpoint has
 * passed that event's global position: every read model is updated in the same transaction.
 */
@QueryHandler(GetJobQuery)
export class GetJobHandler implements IQueryHandler<GetJobQuery, JobStatus> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_STORE) private readonly projection: ProjectionStore,
  ) {}

  async execute({ jobId }: GetJobQuery): Promise<JobStatus> {
    const job = decodeJobId(jobId);
    if (!job) throw jobNotFound(jobId);
    const [event] = await this.store.readStream(orderStreamId(job.orderId), { fromRevision: job.revision, maxCount: 1 });
    if (!event || event.revision !== job.revision || event.metadata.jobId !== jobId) throw jobNotFound(jobId);
    const checkpoint = await this.projection.checkpoint();
    return {
      jobId,
      orderId: job.orderId,
      status: checkpoint >= event.position ? 'Completed' : 'Pending',
      deleted: event.type === 'OrderDeleted',
      versionTag: encodeVersionTag(job.orderId, job.revision),
    };
  }
}
