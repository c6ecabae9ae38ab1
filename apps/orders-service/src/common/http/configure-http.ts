import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../problem/api-error';
import { DRAIN_BYTES, DRAIN_MAX_MS, readBody } from './body-reader';
import { BODY_LIMIT_BYTES, parseJsonBody } from './json-body';

/** Methods whose body Fastify never reads (it is ignored, whatever its type). */
const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'TRACE']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const unsupportedMediaType = (): ApiError =>
  new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Bodies must be sent as Content-Type: application/json.');

/** A Content-Length above zero: the request certainly carries a body (a chunked one is judged once read). */
const announcesBody = (headers: IncomingHttpHeaders): boolean => Number(headers['content-length']) > 0;

/**
 * Fastify-level HTTP behaviour: JSON parsing with limits and the 415 rule. Errors raised here reach
 * Nest's exception layer (Nest installs Fastify's error handler) and so the one ProblemFilter.
 *
 * An empty body (Content-Length 0, or no body at all) is "no body" whatever the method and content
 * type: the handler sees `undefined`, and routes that need a body answer their 400 VALIDATION_FAILED.
 * 415 is for a body that is present and not JSON: refused on its Content-Length before it is read
 * (and before authentication), or — sent chunked — by the catch-all parser on its first byte.
 *
 * A JSON body over BODY_LIMIT_BYTES is a 413 that the client gets to read: the rest of the body is read
 * and discarded first, within a bound (body-reader.ts).
 */
export function configureHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(JSON_TYPE, (request, payload, done) => {
    // draining stays within REQUEST_TIMEOUT_MS (Node's requestTimeout; 0 means none)
    const requestTimeout = fastify.server.requestTimeout;
    const drainMs = requestTimeout > 0 ? Math.min(DRAIN_MAX_MS, requestTimeout) : DRAIN_MAX_MS;
    const limits = { limit: BODY_LIMIT_BYTES, drainBytes: DRAIN_BYTES, drainMs };
    readBody(payload, Number(request.headers['content-length'] ?? 0), limits, (error, body) => {
      if (error) return done(error, undefined);
      try {
        done(null, parseJsonBody(body!.toString('utf8')));
      } catch (parseError) {
        done(parseError as Error, undefined);
      }
    });
  });
  // any other type, and a body without a type: no body when empty, else 415 on its first byte (unread)
  fastify.addContentTypeParser('*', (_request, payload, done) => {
    let settled = false;
    const onData = (): void => settle(unsupportedMediaType());
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      payload.off('data', onData);
      done(error, undefined);
    };
    payload.on('data', onData);
    payload.once('end', () => settle(null));
    payload.once('error', (error: Error) => settle(error));
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    const { headers } = request;
    if (!METHODS_WITHOUT_BODY.has(request.method) && announcesBody(headers) && !JSON_TYPE.test(headers['content-type'] ?? '')) {
      done(unsupportedMediaType());
      return;
    }
    done();
  });
}
