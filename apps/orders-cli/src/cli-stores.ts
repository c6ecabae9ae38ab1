import { type Backend, CONNECT_TIMEOUT_MS, ConfigError, DataSetNotFoundError, openBackend } from '@orders/backend';
import type { EventStore } from '@orders/event-store';
import { backendSettings, type CliContext, CliError } from './cli-context';

/** What a command works on: the backend, and its event store as the service reads it (upcasting). */
export interface CliStores {
  backend: Backend;
  eventStore: EventStore;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** bound for EventStoreDB and MongoDB to answer (default CONNECT_TIMEOUT_MS) */
  connectTimeoutMs?: number;
  /** embedded: create DATA_DIR/events.sqlite when it does not exist yet (commands that write) */
  createEmbedded?: boolean;
}

/**
 * The backend of the context, opened and checked exactly as the service does at start (@orders/backend):
 * the embedded event store must exist already unless `createEmbedded`; a server that does not answer
 * within 5 s is an error naming its variable (exit code 1), a malformed URL a configuration error (exit code 2).
 */
export async function openStores(context: CliContext, options: OpenStoresOptions = {}): Promise<CliStores> {
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const backend = openCliBackend(context, { connectTimeoutMs, existing: !options.createEmbedded });
  try {
    await backend.verify();
  } catch (error) {
    await backend.close().catch(() => undefined);
    throw error instanceof ConfigError || error instanceof DataSetNotFoundError ? new CliError(error.message, 1) : error;
  }
  try {
    return { backend, eventStore: backend.orderEvents, close: () => backend.close() };
  } catch (error) {
    await backend.close().catch(() => undefined);
    // a DATA_DIR that cannot be created: the CLI shows the file system's own error (the service names DATA_DIR)
    throw error instanceof ConfigError && error.cause instanceof Error ? error.cause : error;
  }
}

/** Opens the backend without contacting a server; a malformed URL is exit code 2. The CLI runs no subscription: nothing to log. */
export function openCliBackend(context: CliContext, options: { connectTimeoutMs?: number; existing: boolean }): Backend {
  const quiet = () => undefined;
  try {
    return openBackend(backendSettings(context), quiet, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, { existing: options.existing });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid configuration: ${error.message}`, 2);
    throw error;
  }
}
