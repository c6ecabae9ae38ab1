import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import { type Logger, pino } from 'pino';
import type { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { type BufferedLogDestination, bufferedLogDestination } from './log-destination';
import { loggerOptions } from './logger.options';
import { REQUEST_ID_HEADER } from './request-id';
import { installRequestLogging } from './request-logging';

const ROOT_LOGGER = Symbol('ROOT_LOGGER');
const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * Per-request logging (request-logging.ts) and the request id (Fastify's `request.id`, see create-app's
 * genReqId) on every answer, errors included.
 */
@Injectable()
class RequestHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ROOT_LOGGER) private readonly root: Logger,
    @Inject(LOG_DESTINATION) private readonly destination: BufferedLogDestination | null,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    const destination = this.destination;
    if (destination) this.metrics?.watchLogDrops(() => destination.dropped);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    installRequestLogging(fastify, this.root);
    fastify.addHook('onSend', (request, reply, payload, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      done(null, payload);
    });
  }
}

/**
 * JSON logs through one pino logger at LOG_LEVEL: Nest's own logger and `new Logger(context)` anywhere
 * (through nestjs-pino) and the per-request line (Fastify hooks, request-logging.ts). Wire it with
 * `bufferLogs: true` and `app.useLogger(app.get(Logger))` (create-app.ts).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: Pick<AppConfig, 'logLevel'>): DynamicModule {
    const options = loggerOptions(config);
    // pino-pretty (a terminal) is a transport of its own; otherwise JSON lines in buffered chunks (log-destination.ts)
    const destination = options.transport ? null : bufferedLogDestination();
    const root = destination ? pino(options, destination) : pino(options);
    return {
      module: LoggingModule,
      // nestjs-pino for Nest's Logger over the same pino logger; its pino-http middleware on no route
      // (the request line comes from the Fastify hooks, without a middleware layer per request)
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, forRoutes: [] })],
      providers: [RequestHooks, { provide: ROOT_LOGGER, useValue: root }, { provide: LOG_DESTINATION, useValue: destination }],
    };
  }
}
