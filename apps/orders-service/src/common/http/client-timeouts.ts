import type { ServerOptions } from 'node:http';

export interface ClientTimeoutOptions {
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
}

/**
 * How often Node looks for requests over their time: it checks on an interval (30 s by default), so a
 * late request would otherwise run up to 30 s past REQUEST_TIMEOUT_MS. A tenth of the timeout, 1 s at most.
 */
export const overdueCheckIntervalMs = (requestTimeoutMs: number): number => Math.min(1000, Math.max(10, Math.round(requestTimeoutMs / 10)));

/**
 * The Fastify / Node HTTP server timeouts for REQUEST_TIMEOUT_MS (`requestTimeoutMs`):
 *
 * - receiving a request — its headers and its whole body, counted from its first byte — takes at most
 *   the timeout (Node's `requestTimeout` and `headersTimeout`, equal: when `headersTimeout` is the larger,
 *   Node swaps the two and a body gets its default 60 s). Node then raises ERR_HTTP_REQUEST_TIMEOUT,
 *   which client-errors.ts answers 408. A connection that sends nothing is such a request too.
 * - a kept-alive socket with no request is closed after the timeout (`keepAliveTimeout`; Node adds 1 s
 *   of grace after the `Keep-Alive: timeout=…` it announces);
 * - a socket without any traffic for twice the timeout — a handler still working, an answer the client
 *   does not read — is destroyed (`connectionTimeout`). Twice, so that a stalled request always gets its
 *   408 first.
 */
export function clientTimeoutOptions(requestTimeoutMs: number): ClientTimeoutOptions {
  return {
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: requestTimeoutMs,
    connectionTimeout: 2 * requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: overdueCheckIntervalMs(requestTimeoutMs),
    },
  };
}
