import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/problem/api-error';

/** 1–255 visible ASCII characters (a UUID is typical). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface WriteConditions {
  idempotencyKey?: string;
  ifMatch?: string;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** `Idempotency-Key` (validated: 400 INVALID_IDEMPOTENCY_KEY) and the raw `If-Match` of a write. */
export function writeConditions(request: FastifyRequest): WriteConditions {
  const idempotencyKey = header(request, 'idempotency-key');
  const ifMatch = header(request, 'if-match');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ApiError(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'Invalid Idempotency-Key',
      'The Idempotency-Key header must be 1–255 visible ASCII characters without spaces (a UUID, for example).',
    );
  }
  return { ...(idempotencyKey !== undefined ? { idempotencyKey } : {}), ...(ifMatch !== undefined ? { ifMatch } : {}) };
}
