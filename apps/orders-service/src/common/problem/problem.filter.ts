import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem.mapper';

const logger = new Logger('Problem');

/** Sends any error as application/problem+json, logging unexpected ones. */
function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500) logger.error(`${request.method} ${request.url}: ${String(error)}`, error instanceof Error ? error.stack : undefined);
  void reply
    .status(problem.status)
    .headers(headers)
    .type('application/problem+json')
    .send({ ...problem, instance: request.url.split('?')[0] });
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
