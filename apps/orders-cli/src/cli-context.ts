import { resolve } from 'node:path';
import { type BackendLocation, type BackendSettings, ConfigError, loadBackendConfig, locateBackend } from '@orders/backend';

/** A failure the CLI reports as `error: <message>` with exit code 1 (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The embedded backend: the files under DATA_DIR. */
export type EmbeddedContext = Extract<BackendLocation, { kind: 'embedded' }>;

/** The distributed backend: EVENTSTORE_URL + MONGODB_URL. */
export type DistributedContext = Extract<BackendLocation, { kind: 'distributed' }>;

/** Where the data lives, from the same variables and rules as the service (DATA_DIR; EVENTSTORE_URL + MONGODB_URL). */
export type CliContext = BackendLocation;

/**
 * Neither URL: the files under DATA_DIR. Both: EventStoreDB + MongoDB. One without the other, or a
 * URL of the wrong kind: exit code 2 with the service's message naming the variable.
 */
export function cliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  let settings: BackendSettings;
  try {
    settings = { dataDir: resolve(env.DATA_DIR?.trim() || './data'), backend: loadBackendConfig(env) };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid configuration: ${error.message}`, 2);
    throw error;
  }
  return locateBackend(settings);
}

/** The settings the backend is opened with. */
export const backendSettings = (context: CliContext): BackendSettings => ({ dataDir: context.dataDir, backend: context });
