import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { encodeVersionTag, orderStreamId } from '@orders/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@orders/event-store';
import { PROJECTION_STORE, type ProjectionStore } from '@orders/read-models';
import { jobNotFound } from '../../common/problem/api-error';
import { decodeJobId } from '@orders/application';
import { GetJobQuery, type JobStatus } from './get-job.query';
import { ownVersion, versionAfter } from './job-version';

/**
 * A job is the change event at (order, revision). It is completed once the projector's checkpoint has
 * passed that event's global position: every read model is updated in the same transaction. Its
 * versionTag is that of the order version the change produced or acted on (an action or a delete
 * keeps the version before it), the tag E3, the history and `?versionTag=` use for that point.
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
    const version = ownVersion(event) ?? (await this.versionBefore(job.orderId, event));
    if (version === null) throw jobNotFound(jobId);
    const checkpoint = await this.projection.checkpoint();
    return {
      jobId,
      orderId: job.orderId,
      status: checkpoint >= event.position ? 'Completed' : 'Pending',
      deleted: event.type === 'OrderDeleted',
      versionTag: encodeVersionTag(job.orderId, version),
    };
  }

  /** A delete: the version the stream had when it was deleted. */
  private async versionBefore(orderId: string, event: RecordedEvent): Promise<number | null> {
    return versionAfter(await this.store.readStream(orderStreamId(orderId), { toRevision: event.revision }));
  }
}
