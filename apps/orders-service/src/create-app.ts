import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { configureHttp } from './common/http/configure-http';
import { BODY_LIMIT_BYTES } from './common/http/json-body';
import { ProblemFilter } from './common/problem/problem.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v3';

/** Builds the whole service (not listening yet). Shared by main.ts and tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 10_000 },
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    // our own JSON parser (configure-http.ts) with depth and prototype-poisoning checks
    bodyParser: false,
    logger: ['error', 'warn', 'log', 'debug', 'verbose'].slice(0, ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1) as never,
  });
  configureHttp(app);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Orders API v3')
      .setDescription('Event-sourced orders service: register, update, read and act on orders. See README.md.')
      .setVersion('3')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
