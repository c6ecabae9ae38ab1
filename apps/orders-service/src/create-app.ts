import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureAuth } from './auth/configure-auth';
import { API_KEY_SECURITY } from './auth/require-scopes.decorator';
import { createClientErrorHandler } from './common/http/client-errors';
import { clientTimeoutOptions } from './common/http/client-timeouts';
import { configureHttp } from './common/http/configure-http';
import { answerFrameworkError } from './common/http/framework-errors';
import { configureGracefulClose } from './common/http/graceful-close';
import { BODY_LIMIT_BYTES } from './common/http/json-body';
import { PROBLEMS_PATH } from './common/problem/problem-catalog';
import { ProblemFilter } from './common/problem/problem.filter';
import { CompiledBodies, createValidationPipe } from './common/validation';
import { configureConsole } from './console/console-static';
import type { AppConfig } from './config/app-config';
import { HEALTH_PATHS } from './health/health.module';
import type { InFlightRequests } from './lifecycle/in-flight-requests';
import { fallbackLogger } from './logging/fallback-logger';
import { FrameworkChatterLogger } from './logging/framework-chatter.logger';
import { requestIdOf } from './logging/request-id';
import { METRICS_PATH } from './metrics/metrics.controller';
import { completeOpenApiDocument } from './openapi/complete-document';

export const API_PREFIX = 'api/v3';

/**
 * Builds the whole service (not initialised, not listening yet). Shared by main.ts and tests. main.ts
 * passes `requests` to count the requests in flight for its shutdown (lifecycle/shutdown.ts); signals
 * are main.ts's business, not the app's (no enableShutdownHooks: Nest would re-raise the signal, exit 143).
 */
export async function createApp(config: AppConfig, options: { requests?: InFlightRequests } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 10_000 },
    return503OnClosing: true,
    // x-request-id when sane, else a UUID; the same id is in the logs (logging/) and the answer's x-request-id
    genReqId: requestIdOf,
    // slow or stalled clients: receiving a request, and any idle socket, is bounded (REQUEST_TIMEOUT_MS)
    ...clientTimeoutOptions(config.requestTimeoutMs),
    // what Node refuses before routing (431, 408, unparsable requests): problem+json too, connection closed
    clientErrorHandler: createClientErrorHandler(config.requestTimeoutMs),
    // a path Fastify cannot decode (`%FF`) or an over-long path parameter: problem+json too (400 BAD_URL / 414)
    frameworkErrors: answerFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    // our own JSON parser (configure-http.ts) with depth and prototype-poisoning checks
    bodyParser: false,
    // JSON logs through nestjs-pino at LOG_LEVEL (logging/logging.module.ts); until then (and if Nest fails
    // before that) Nest's own logger writes JSON lines too
    bufferLogs: true,
    logger: fallbackLogger(config.logLevel),
    // a start that fails inside Nest is an error main.ts reports, not a process.abort() and core dump
    abortOnError: false,
  });
  // Nest's ~45 route-mapping and module lines, and its premature "successfully started": at debug
  app.useLogger(new FrameworkChatterLogger(app.get(PinoLogger)));
  // what Nest buffered so far goes to it now, and every later line at once (main.ts binds the port itself,
  // so Nest's listen() — which would flush — is not called)
  app.flushLogs();
  // first onRequest hook: every request that reaches Fastify's hooks is counted, even one answered 429 or 401
  options.requests?.attach(app.getHttpAdapter().getInstance() as unknown as FastifyInstance);
  configureHttp(app);
  await configureAuth(app, config);
  configureGracefulClose(app, config.requestTimeoutMs);
  // the order-view console's static files at /console (no key) and GET / to it (console/console-static.ts)
  await configureConsole(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, config.console);
  app.setGlobalPrefix(API_PREFIX, { exclude: [...HEALTH_PATHS, METRICS_PATH, PROBLEMS_PATH, `${PROBLEMS_PATH}/:code`] });
  // one global pipe: no body where a route takes one is a 400 (body-required.ts); bodies of DTOs marked
  // @CompiledValidation() are checked by ajv, compiled from the OpenAPI document below
  const compiledBodies = new CompiledBodies();
  app.useGlobalPipes(createValidationPipe(compiledBodies));
  app.useGlobalFilters(new ProblemFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Orders API v3')
      .setDescription(
        'Event-sourced orders service: register, update, read and act on orders. See README.md.\n\n' +
          'Every error answer is `application/problem+json` (RFC 9457) with a stable `code`; its `type` is the page ' +
          '`/problems/<code>` that says when it happens and what to do. All problem types: [/problems](/problems).',
      )
      .setVersion('3')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'apikey' }, API_KEY_SECURITY)
      .build(),
  );
  SwaggerModule.setup('docs', app, completeOpenApiDocument(document, app), { jsonDocumentUrl: 'docs-json' });
  compiledBodies.compile(document);
  return app;
}
