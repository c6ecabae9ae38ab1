import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { JobDto, OrderPageDto, OrderViewDto, OrderWarningsDto } from './order-responses.dto';
import { leadingProblemCode, problemResponse } from './problem.schema';

/**
 * Response documentation of the orders endpoints. The generic answers (400 for bodies and queries,
 * 404 for path parameters, 413, 415, 429, 500, 401/403 of secured routes) are added to every
 * operation by completeOpenApiDocument(); these decorators add what is particular to an endpoint.
 */

const JOB_ID = 'MDpBLTEwMDE';
const pendingJob = { jobId: JOB_ID, orderId: 'A-1001', status: 'Pending', href: `/api/v3/orders/jobs/${JOB_ID}` };
const jobLocation = {
  Location: { description: 'The job: `/api/v3/orders/jobs/{jobId}`', schema: { type: 'string', example: `/api/v3/orders/jobs/${JOB_ID}` } },
};

/**
 * Extra error answers of one endpoint, each as problem+json; `[status, description]` pairs override the
 * generic text, and a description that starts with a code (`[404, 'CONTACT_NOT_FOUND']`) gets that code's example.
 */
export const ApiProblems = (...answers: Array<number | [number, string]>): MethodDecorator =>
  applyDecorators(
    ...answers.map((answer) => {
      const [status, description] = typeof answer === 'number' ? [answer, undefined] : answer;
      return ApiResponse({ status, ...problemResponse(status, description, leadingProblemCode(description)) });
    }),
  );

/** 202 with the job body and its Location (E2, E4, E5, E8, E9). */
export const ApiAcceptedJob = (): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(JobDto),
    ApiResponse({
      status: 202,
      description: 'Accepted and durably stored; poll the job in `Location` until it completes.',
      headers: jobLocation,
      content: { 'application/json': { schema: { $ref: getSchemaPath(JobDto) }, example: pendingJob } },
    }),
  );

/** E6: 200 while pending (or Completed for a delete), 302 to the order once every read model reflects the change. */
export const ApiJobAnswers = (): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(JobDto),
    ApiResponse({
      status: 200,
      description: '`Pending` (with `Location` to the job itself), or `Completed` for a delete.',
      headers: jobLocation,
      content: { 'application/json': { schema: { $ref: getSchemaPath(JobDto) }, example: pendingJob } },
    }),
    ApiResponse({
      status: 302,
      description: 'Completed: `Location` is the order, which reflects the change; the body carries its versionTag.',
      headers: {
        Location: { description: 'The order: `/api/v3/orders/{orderId}`', schema: { type: 'string', example: '/api/v3/orders/A-1001' } },
      },
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(JobDto) },
          example: { ...pendingJob, status: 'Completed', versionTag: '0-4k2j9a' },
        },
      },
    }),
    ApiProblems([404, 'JOB_NOT_FOUND: no such job']),
  );

/** E3: the order, with ETag = "<versionTag>". */
export const ApiOrderAnswer = (): MethodDecorator =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: 'The order with its versionTag.',
      type: OrderViewDto,
      headers: { ETag: { description: '"<versionTag>"', schema: { type: 'string', example: '"0-4k2j9a"' } } },
    }),
  );

/** E1: a page of orders. */
export const ApiOrderPageAnswer = (): MethodDecorator =>
  ApiResponse({ status: 200, description: 'One page of orders.', type: OrderPageDto });

/** The integration log of an order. */
export const ApiOrderWarningsAnswer = (): MethodDecorator =>
  ApiResponse({ status: 200, description: "The order's warnings.", type: OrderWarningsDto });
