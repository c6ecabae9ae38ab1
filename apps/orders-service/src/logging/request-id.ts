import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** What we accept from a client as a request or correlation id (anything else is replaced). */
const SANE_ID = /^[\w.:-]{1,128}$/;

export const saneId = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' && SANE_ID.test(value) ? value : undefined;

const ids = new WeakMap<IncomingMessage, string>();

/**
 * The request id: the client's `x-request-id` when it is sane, else a new UUID. Memoised per request,
 * so Fastify (`request.id`, genReqId) and pino-http (the `reqId` of every log line) agree on it.
 */
export function requestIdOf(request: IncomingMessage): string {
  let id = ids.get(request);
  if (id === undefined) {
    id = saneId(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    ids.set(request, id);
  }
  return id;
}
