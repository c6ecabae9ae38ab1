import { join, resolve } from 'node:path';
import { ConfigError } from '../../orders-service/src/config/config-error';
import { type BackendConfig, loadBackendConfig } from '../../orders-service/src/infrastructure/backend-config';

/** A failure the CLI reports as `error: <message>` with exit code 1 (no stack trace). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The embedded backend: the files under DATA_DIR. */
export interface EmbeddedContext {
  kind: 'embedded';
  dataDir: string;
  eventsFile: string;
  readModelsFile: string;
}

/** The distributed backend: EVENTSTORE_URL + MONGODB_URL. */
export type DistributedContext = Extract<BackendConfig, { kind: 'distributed' }>;

/** Where the data lives, from the same variables and rules as the service (DATA_DIR; EVENTSTORE_URL + MONGODB_URL). */
export type CliContext = EmbeddedContext | DistributedContext;

/**
 * Neither URL: the files under DATA_DIR. Both: EventStoreDB + MongoDB. One without the other, or a
 * URL of the wrong kind: exit code 2 with the service's message naming the variable.
 */
export function cliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  let backend: BackendConfig;
  try {
    backend = loadBackendConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid configuration: ${error.message}`, 2);
    throw error;
  }
  if (backend.kind === 'distributed') return backend;
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  return { kind: 'embedded', dataDir, eventsFile: join(dataDir, 'events.sqlite'), readModelsFile: join(dataDir, 'read-models.sqlite') };
}
