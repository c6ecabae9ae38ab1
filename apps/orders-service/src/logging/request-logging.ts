import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Store, storage } from 'nestjs-pino/storage';
import { isQuietPath, requestLogLevel, requestSummary } from './logger.options';

/**
 * Per-request logging as three Fastify hooks on the one pino logger (no per-request middleware):
 * - onRequest binds the request's log context, so that every line logged while it is handled (Nest's
 *   `Logger`, nestjs-pino's PinoLogger) carries its `reqId`; the child logger is made on the first such
 *   line only — most requests log nothing but their own line;
 * - onResponse writes that line (`request completed`, or `request errored` at error level for a 5xx)
 *   with `req` (method, redacted URL, remote address), `res.statusCode` and `responseTime` (ms);
 * - onRequestAbort writes `request aborted` for a client that went away before the answer.
 * Health probes and metric scrapes get no line. Measured with the bench: this costs a fraction of what
 * pino-http behind Nest's middleware did (docs/operations.md, "Logs").
 */
export function installRequestLogging(fastify: FastifyInstance, root: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(lazyStore(root, request.id), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = requestLogLevel(reply.statusCode);
    if (root.isLevelEnabled(level) && !isQuietPath(request.url)) {
      root[level](
        {
          reqId: request.id,
          req: requestSummary(request.method, request.url, request.ip),
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        level === 'error' ? 'request errored' : 'request completed',
      );
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (root.isLevelEnabled('info') && !isQuietPath(request.url)) {
      root.info({ reqId: request.id, req: requestSummary(request.method, request.url, request.ip) }, 'request aborted');
    }
    done();
  });
}

/** A log context whose child logger (bound to the request id) is made when something first logs in it. */
function lazyStore(root: Logger, reqId: string): Store {
  let logger: Logger | undefined;
  return {
    get logger(): Logger {
      return (logger ??= root.child({ reqId }));
    },
    // PinoLogger.assign() replaces it with a child carrying more fields
    set logger(value: Logger) {
      logger = value;
    },
    responseLogger: undefined,
  } as Store;
}
