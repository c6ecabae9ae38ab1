import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { REQUEST_ID_HEADER } from '../../logging/request-id';
import { ApiError } from '../problem/api-error';
import { ProblemFilter } from '../problem/problem.filter';

/** Fastify's URL errors as our problems; anything else stays as it is (and becomes a logged 500). */
export function frameworkErrorToApiError(error: FastifyError): Error {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ApiError(
        400,
        'BAD_URL',
        'Bad URL',
        'The path holds a malformed percent-escape (each %XX sequence must encode valid UTF-8).',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError(414, 'URI_TOO_LONG', 'URI too long', 'A path segment is longer than the service accepts.');
    default:
      return error;
  }
}

/**
 * Fastify's `frameworkErrors` option. Fastify answers a path it cannot decode (`/orders/%FF`) or a path
 * parameter over `maxParamLength` before routing — so before Nest, its hooks and its error handler —
 * with its own JSON unless this option is set. Here the answer goes through the one ProblemFilter
 * (problem+json with a stable code and `instance`), with the `x-request-id` every answer carries.
 */
export const answerFrameworkError: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  void (reply as FastifyReply).header(REQUEST_ID_HEADER, request.id);
  new ProblemFilter().catch(frameworkErrorToApiError(error), new ExecutionContextHost([request as FastifyRequest, reply]));
};
