import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../common/problem/api-error';
import type { AppConfig } from '../config/app-config';
import { ApiKeyAuthenticator, type Identification } from './api-key.authenticator';
import './authenticated-api-key';

const WINDOW_MS = 1000;

/**
 * Fastify-level part of authentication, before Nest routing: an onRequest hook identifies the API
 * key (without rejecting: @Public routes need none, the guard decides), then the per-key rate limit
 * runs on the identified key. Requests without a valid key are not limited here — they get a 401.
 * Must run before the app is initialised (the limiter hooks into routes as they are registered).
 */
export async function configureAuth(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const authenticator = app.get(ApiKeyAuthenticator);
  fastify.decorateRequest('apiKey', null);
  fastify.decorateRequest('apiKeyAbsence', null);
  // a callback hook, not an async one: a request with a key kept from the last second passes without a promise
  fastify.addHook('onRequest', (request, _reply, done) => {
    const mark = (identified: Identification): void => {
      if ('key' in identified) request.apiKey = identified.key;
      else request.apiKeyAbsence = identified.absence;
      done();
    };
    const identified = authenticator.identify(request.headers);
    if (identified instanceof Promise) identified.then(mark, (error: unknown) => done(error as Error));
    else mark(identified);
  });
  if (config.rateLimitPerSecond <= 0) return;
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimitPerSecond,
    timeWindow: WINDOW_MS,
    hook: 'onRequest',
    keyGenerator: (request) => request.apiKey?.name ?? '',
    allowList: (request) => !request.apiKey,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiError(
        429,
        'RATE_LIMITED',
        'Too many requests',
        `This API key may make ${context.max} requests per second; retry after ${seconds} s.`,
        undefined,
        { 'Retry-After': String(seconds) },
      );
    },
  });
}
