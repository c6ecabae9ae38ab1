import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inRequestLogContext } from '../../logging/request-log-context';
import { toProblem } from './problem.mapper';

const logger = new Logger('Problem');

/**
 * 5xx answers are logged with the error and its stack through the app's logger (nestjs-pino once
 * create-app has called useLogger), tagged with the request id that the client sees in `x-request-id`.
 */
function logServerError(error: unknown, request: FastifyRequest, path: string, status: number): void {
  logger.error({
    msg: `${request.method} ${path} answered ${status}: ${error instanceof Error ? error.message : String(error)}`,
    // the request-bound logger already adds reqId; outside it, add it here (once, never twice)
    ...(inRequestLogContext() ? {} : { reqId: request.id }),
    route: request.routeOptions?.url,
    status,
    err: error instanceof Error ? error : new Error(String(error)),
  });
}

/** Sends any error as application/problem+json, logging unexpected ones. */
function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { problem, headers } = toProblem(error);
  const path = request.url.split('?')[0]!;
  if (problem.status >= 500) logServerError(error, request, path, problem.status);
  void reply
    .status(problem.status)
    .headers(headers)
    .type('application/problem+json')
    .send({ ...problem, instance: path });
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
