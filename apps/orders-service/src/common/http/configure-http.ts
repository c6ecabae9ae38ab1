import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../problem/api-error';
import { BODY_LIMIT_BYTES, parseJsonBody } from './json-body';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const unsupportedMediaType = (): ApiError =>
  new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Bodies must be sent as Content-Type: application/json.');

/**
 * Fastify-level HTTP behaviour: JSON parsing with limits and the 415 rule. Errors raised here reach
 * Nest's exception layer (Nest installs Fastify's error handler) and so the one ProblemFilter.
 */
export function configureHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (METHODS_WITH_BODY.has(request.method) && !JSON_TYPE.test(request.headers['content-type'] ?? '')) {
      done(unsupportedMediaType());
      return;
    }
    done();
  });
}
