import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ORDER_EVENT_UPCASTERS } from '@orders/domain';
import { createUpcasterRegistry, type EventStore, SqliteEventStore, UpcastingEventStore } from '@orders/event-store';

/** A failure the CLI reports as `error: <message>` with exit code 1 (no stack trace). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where the data lives, from the same variables as the service (DATA_DIR; EVENTSTORE_URL / MONGODB_URL). */
export interface CliContext {
  dataDir: string;
  eventsFile: string;
  readModelsFile: string;
}

export function cliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  for (const variable of ['EVENTSTORE_URL', 'MONGODB_URL']) {
    if (env[variable]?.trim()) {
      throw new CliError(`${variable} is set, but the distributed backend is not available in this build; unset it to use the embedded files under DATA_DIR`, 2);
    }
  }
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  return { dataDir, eventsFile: join(dataDir, 'events.sqlite'), readModelsFile: join(dataDir, 'read-models.sqlite') };
}

/** The event store of DATA_DIR (upcasting on read, as in the service); it must exist already. */
export function openEventStore(context: CliContext): EventStore {
  if (!existsSync(context.eventsFile)) {
    throw new CliError(`no event store at ${context.eventsFile} (set DATA_DIR to the service's data directory)`);
  }
  return new UpcastingEventStore(SqliteEventStore.open({ file: context.eventsFile }), createUpcasterRegistry(ORDER_EVENT_UPCASTERS));
}
