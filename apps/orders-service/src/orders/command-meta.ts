import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CommandMeta } from './order-command.executor';

const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/** Correlation id from `x-correlation-id` when it is sane, else a new one. */
export function commandMeta(request: FastifyRequest): CommandMeta {
  const header = request.headers['x-correlation-id'];
  const given = typeof header === 'string' && CORRELATION_ID.test(header) ? header : undefined;
  return { correlationId: given ?? randomUUID() };
}
