import { join } from 'node:path';
import { DEFAULT_QUERY_BUDGET_MS } from '@orders/read-models';
import { ConfigError } from './config-error';

/** No URL: the embedded backend under DATA_DIR. Both URLs: EventStoreDB + MongoDB. */
export type BackendConfig = { kind: 'embedded' } | { kind: 'distributed'; eventStoreUrl: string; mongoUrl: string };

/** Reads EVENTSTORE_URL and MONGODB_URL: both or neither; a ConfigError names the one missing or malformed. */
export function loadBackendConfig(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const eventStoreUrl = env.EVENTSTORE_URL?.trim() ?? '';
  const mongoUrl = env.MONGODB_URL?.trim() ?? '';
  if (!eventStoreUrl && !mongoUrl) return { kind: 'embedded' };
  const both = 'the distributed backend needs both EVENTSTORE_URL and MONGODB_URL (set neither for the embedded one)';
  if (!eventStoreUrl) throw new ConfigError('EVENTSTORE_URL', `is not set but MONGODB_URL is: ${both}`);
  if (!mongoUrl) throw new ConfigError('MONGODB_URL', `is not set but EVENTSTORE_URL is: ${both}`);
  if (!/^esdb(\+discover)?:\/\/\S+$/.test(eventStoreUrl)) {
    throw new ConfigError(
      'EVENTSTORE_URL',
      `must be an EventStoreDB connection string (esdb://host:2113?tls=false), got '${redact(eventStoreUrl)}'`,
    );
  }
  if (!/^mongodb(\+srv)?:\/\/\S+$/.test(mongoUrl)) {
    throw new ConfigError('MONGODB_URL', `must be a MongoDB connection string (mongodb://host:27017/orders), got '${redact(mongoUrl)}'`);
  }
  return { kind: 'distributed', eventStoreUrl, mongoUrl };
}

/** The URL without its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Long reads (segment queries): where they run and for how long (docs/operations.md, "Read pool"). */
export interface ReadPoolSettings {
  /** READ_POOL_SIZE: worker threads of the embedded backend; 0 runs them on the request thread, without a budget */
  size: number;
  /** SEGMENT_QUERY_BUDGET_MS: a query's time budget, waiting for a slot included (MongoDB: maxTimeMS) */
  budgetMs: number;
  /** READ_POOL_SLOTS_PER_KEY: pool slots one API key may hold at once */
  slotsPerKey: number;
}

export const DEFAULT_READ_POOL: ReadPoolSettings = { size: 2, budgetMs: DEFAULT_QUERY_BUDGET_MS, slotsPerKey: 1 };

/** What a process is configured with: DATA_DIR (embedded) and the backend variables. */
export interface BackendSettings {
  dataDir: string;
  /** absent: embedded */
  backend?: BackendConfig;
  /** absent: DEFAULT_READ_POOL */
  readPool?: ReadPoolSettings;
}

/** The embedded backend's files under DATA_DIR. */
export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'read-models.sqlite';

/** Where the data lives: the files under DATA_DIR, or EventStoreDB + MongoDB (messages and the CLI name it). */
export type BackendLocation =
  | { kind: 'embedded'; dataDir: string; eventsFile: string; readModelsFile: string }
  | (Extract<BackendConfig, { kind: 'distributed' }> & { dataDir: string });

export function locateBackend(settings: BackendSettings): BackendLocation {
  const { dataDir } = settings;
  const backend = settings.backend ?? { kind: 'embedded' };
  if (backend.kind === 'distributed') return { ...backend, dataDir };
  return { kind: 'embedded', dataDir, eventsFile: join(dataDir, EVENTS_FILE), readModelsFile: join(dataDir, READ_MODELS_FILE) };
}

/** Where the events of a location are, for messages (password hidden). */
export function describeEventStore(location: BackendLocation): string {
  return location.kind === 'embedded'
    ? `the embedded event store ${location.eventsFile}`
    : `EventStoreDB at ${redact(location.eventStoreUrl)}`;
}
