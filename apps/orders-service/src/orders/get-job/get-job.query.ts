import { Query } from '@nestjs/cqrs';

export interface JobStatus {
  jobId: string;
  orderId: string;
  status: 'Pending' | 'Completed';
  /** the change deleted the order */
  deleted: boolean;
  /** the versionTag of the order version the change produced or acted on (an action or a delete keeps the previous one) */
  versionTag: string;
}

/** E6: the state of an asynchronous change. */
export class GetJobQuery extends Query<JobStatus> {
  constructor(readonly jobId: string) {
    super();
  }
}
