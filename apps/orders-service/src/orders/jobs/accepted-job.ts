import { Logger } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import type { AcceptedChange } from '@orders/application';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetJobQuery, type JobStatus } from '../get-job/get-job.query';
import { presentAcceptedJob } from '../order.presenter';

const logger = new Logger('Jobs');

/**
 * The 202 answer of an accepted change (E2, E4, E5, E7, E8, E9), with `Location` to its job. A write
 * without `Idempotency-Key` is new: `Pending`. One with a key may be the retry of a change made long
 * ago: it answers the job's current state as E6 computes it (GetJobQuery: `Completed` with the
 * versionTag once the projector has passed it). Still 202 — the same answer as the first time, so a
 * client's retry logic needs no second case; the body tells the state.
 */
export function answerAcceptedChange(
  queries: QueryBus,
  request: FastifyRequest,
  reply: FastifyReply,
  change: AcceptedChange,
): AcceptedJobBody | Promise<AcceptedJobBody> {
  // only an idempotent request reads its job's state; the others are answered at once (no promise)
  if (request.headers['idempotency-key'] === undefined) return answer(reply, change, undefined);
  return currentState(queries, change).then((job) => answer(reply, change, job));
}

type AcceptedJobBody = ReturnType<typeof presentAcceptedJob>;

function answer(reply: FastifyReply, change: AcceptedChange, job: JobStatus | undefined): AcceptedJobBody {
  const body = presentAcceptedJob(change, job);
  void reply.header('Location', body.href);
  return body;
}

/** The job's state; if it cannot be read just now, none (the answer says Pending): the change itself is accepted and durable. */
async function currentState(queries: QueryBus, change: AcceptedChange): Promise<JobStatus | undefined> {
  try {
    return await queries.execute(new GetJobQuery(change.jobId));
  } catch (error) {
    logger.warn({ msg: 'job state not readable for an idempotent answer; answering Pending', jobId: change.jobId, err: error });
    return undefined;
  }
}
