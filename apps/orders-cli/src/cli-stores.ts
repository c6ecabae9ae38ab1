import { existsSync } from 'node:fs';
import { type EventStore, SqliteEventStore } from '@orders/event-store';
import { MongoReadModels } from '@orders/read-models/mongo';
import { ConfigError } from '../../orders-service/src/config/config-error';
import { CONNECT_TIMEOUT_MS, openBackend } from '../../orders-service/src/infrastructure/backend';
import { withOrderUpcasting } from '../../orders-service/src/infrastructure/order-event-store';
import { type CliContext, CliError, type DistributedContext, type EmbeddedContext } from './cli-context';

/** What a command works on; `eventStore` upcasts on read, as in the service. */
export type CliStores =
  | { kind: 'embedded'; context: EmbeddedContext; eventStore: EventStore; close(): Promise<void> }
  | { kind: 'distributed'; context: DistributedContext; eventStore: EventStore; readModels: MongoReadModels; close(): Promise<void> };

export interface OpenStoresOptions {
  /** bound for EventStoreDB and MongoDB to answer (default CONNECT_TIMEOUT_MS) */
  connectTimeoutMs?: number;
  /** embedded: create DATA_DIR/events.sqlite when it does not exist yet (commands that write) */
  createEmbedded?: boolean;
}

/**
 * Embedded: the event store of DATA_DIR, which must exist already unless `createEmbedded` (the
 * read-model file is opened by the command that needs it). Distributed: EventStoreDB and MongoDB,
 * connected and checked exactly as the service does at start (backend.ts); a server that does not
 * answer within 5 s is an error naming its variable (exit code 1), a malformed URL a configuration
 * error (exit code 2).
 */
export async function openStores(context: CliContext, options: OpenStoresOptions = {}): Promise<CliStores> {
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  if (context.kind === 'embedded') {
    if (!options.createEmbedded && !existsSync(context.eventsFile)) {
      throw new CliError(`no event store at ${context.eventsFile} (set DATA_DIR to the service's data directory)`);
    }
    const eventStore = withOrderUpcasting(SqliteEventStore.open({ file: context.eventsFile }));
    return { kind: 'embedded', context, eventStore, close: () => eventStore.close() };
  }
  const quiet = () => undefined; // the CLI runs no subscription: nothing to log
  let backend;
  try {
    backend = openBackend({ dataDir: '', backend: context }, quiet, connectTimeoutMs);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid configuration: ${error.message}`, 2);
    throw error;
  }
  try {
    await backend.verify();
  } catch (error) {
    await backend.close().catch(() => undefined);
    throw error instanceof ConfigError ? new CliError(error.message, 1) : error;
  }
  const { readModels } = backend;
  if (!(readModels instanceof MongoReadModels)) throw new Error('the distributed backend did not open MongoDB read models');
  return { kind: 'distributed', context, eventStore: withOrderUpcasting(backend.eventStore), readModels, close: () => backend.close() };
}
