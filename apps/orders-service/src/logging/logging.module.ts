import { type DynamicModule, Injectable, Module, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { pinoHttpOptions } from './pino-http.options';
import { REQUEST_ID_HEADER } from './request-id';

/** Returns the request id (Fastify's `request.id`, see create-app's genReqId) on every answer, errors included. */
@Injectable()
class RequestIdHeader implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (request, reply, payload, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      done(null, payload);
    });
  }
}

/**
 * JSON logs through nestjs-pino: Nest's own logger, `new Logger(context)` anywhere and pino-http's
 * per-request line all end in one pino logger at LOG_LEVEL. Wire it with `bufferLogs: true` and
 * `app.useLogger(app.get(Logger))` (create-app.ts).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: Pick<AppConfig, 'logLevel'>): DynamicModule {
    return {
      module: LoggingModule,
      // every route, in Nest 11's path syntax (nestjs-pino's default `*` is the legacy one and logs a warning)
      imports: [LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(config), forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] })],
      providers: [RequestIdHeader],
    };
  }
}
