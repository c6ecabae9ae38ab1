import type { FastifyRequest } from 'fastify';
import '../auth/authenticated-api-key';
import { CORRELATION_ID_HEADER, saneId } from '../logging/request-id';
import { writeConditions } from './idempotency/write-conditions';
import type { CommandMeta } from '@orders/application';

/**
 * Correlation id from `x-correlation-id` when it is sane, else the request id (Fastify's `request.id`:
 * the sane `x-request-id` or a new UUID, see logging/request-id.ts), so events and log lines share it.
 */
export function commandMeta(request: FastifyRequest): CommandMeta {
  const correlationId = saneId(request.headers[CORRELATION_ID_HEADER]) ?? request.id;
  // the authenticated key's name (auth/) and Idempotency-Key / If-Match (idempotency/write-conditions.ts)
  const apiKeyName = request.apiKey?.name;
  return { correlationId, ...(apiKeyName ? { apiKeyName } : {}), ...writeConditions(request) };
}
