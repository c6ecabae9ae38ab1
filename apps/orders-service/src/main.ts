import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { BackendUnavailableError } from '@orders/backend';
import { InFlightRequests } from './lifecycle/in-flight-requests';
import { listenFailure } from './lifecycle/listen-failure';
import { GracefulShutdown } from './lifecycle/shutdown';
import { redactText } from './logging/redact';

/**
 * stdout carries only JSON log lines (a log shipper's input); what a person starting the service needs
 * — the one-time admin key, the URL it listens on, why it could not start — is plain text on stderr.
 */
const tellOperator = (line: string): void => void process.stderr.write(`${redactText(line)}\n`);

const logger = new Logger('Lifecycle');
const CLOSE_AFTER_FAILED_START_MS = 5_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      tellOperator(`orders-service: invalid configuration: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const requests = new InFlightRequests();
  const app = await createApp(config, { requests });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  new GracefulShutdown({
    closeHttp: () => fastify.close(),
    closeApp: () => app.close(),
    requests,
    roles: [...(config.projectorEnabled ? ['projector'] : []), ...(config.automations.dispatcherEnabled ? ['dispatcher'] : [])],
    logger,
    exit: (code) => process.exit(code),
    timeoutMs: config.requestTimeoutMs + 15_000,
  }).install();
  // init (stores verified, projector and dispatcher started) and then bind the port ourselves: Nest's
  // listen() logs "successfully started" before binding and an error line of its own when binding fails
  await app.init();
  try {
    await fastify.listen({ port: config.port, host: config.host });
  } catch (error) {
    const failure = listenFailure(error, config.host, config.port);
    if (!failure) throw error;
    await closeQuietly(app);
    tellOperator(`orders-service failed to start: ${failure}`);
    process.exit(1);
  }
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.log({ msg: 'orders-service listening', url, dataDir: config.dataDir, docs: `${url}/docs` });
  tellOperator(`orders-service listening on ${url} (data: ${config.dataDir}, docs: /docs)`);
}

/** After a failed listen: stop what init started (leases, projector, stores), bounded, without a word. */
async function closeQuietly(app: NestFastifyApplication): Promise<void> {
  await Promise.race([app.close().catch(() => undefined), new Promise((done) => setTimeout(done, CLOSE_AFTER_FAILED_START_MS).unref())]);
}

main().catch((error: unknown) => {
  // a store that did not answer, or a DATA_DIR that cannot be used: the message names the variable, no stack
  if (error instanceof BackendUnavailableError) {
    tellOperator(`orders-service failed to start: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof ConfigError) {
    tellOperator(`orders-service: invalid configuration: ${error.message}`);
    process.exit(2);
  }
  tellOperator(`orders-service failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
