import { Query } from '@nestjs/cqrs';

export interface JobStatus {
  jobId: string;
  orderId: string;
  status: 'Pending' | 'Completed';
  /** the change deleted the order */
  deleted: boolean;
  /** the versionTag the change produced */
  versionTag: string;
}

/** E6: the state of an asynchronous change. */
export class GetJobQuery extends Query<JobStatus> {
  constructor(readonly jobId: string) {
    super();
  }
}
