import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { BackendUnavailableError } from '@orders/backend';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`orders-service: invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`orders-service listening on http://${config.host}:${port} (data: ${config.dataDir}, docs: /docs)\n`);
}

main().catch((error: unknown) => {
  // a store that did not answer, or a DATA_DIR that cannot be used: the message names the variable, no stack
  if (error instanceof BackendUnavailableError) {
    process.stderr.write(`orders-service failed to start: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`orders-service: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`orders-service failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
