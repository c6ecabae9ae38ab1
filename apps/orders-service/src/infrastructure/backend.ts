import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { type EventStore, SqliteEventStore } from '@orders/event-store';
import { EventStoreDbEventStore } from '@orders/event-store/eventstoredb';
import { type ContactResolver, type OrderReadModel, type ProjectionStore, SqliteReadModels, SqliteRegisterQueries } from '@orders/read-models';
import { type LeasedWork, LeaseRunner, MongoContactResolver, MongoLease, MongoReadModels } from '@orders/read-models/mongo';
import { ConfigError } from '../config/config-error';
import { type BackendConfig, redact } from './backend-config';

export { type BackendConfig, loadBackendConfig } from './backend-config';

/** Bound of the connectivity checks at start (and the default of checkConnectivity()). */
export const CONNECT_TIMEOUT_MS = 5_000;
/** A lease expires this long after its last renewal; it is renewed every third of it. */
export const LEASE_TTL_MS = 15_000;

/** A store that could not be reached (or refused us) at start; names the variable to look at. */
export class BackendUnavailableError extends ConfigError {
  constructor(variable: string, message: string) {
    super(variable, message);
    this.name = 'BackendUnavailableError';
  }
}

export type ReadStore = OrderReadModel & ProjectionStore & { readonly streamPrefixes: readonly string[]; close(): Promise<void> };
export type Connectivity = Record<'eventStore' | 'readStore', { ok: true } | { ok: false; message: string }>;

/**
 * The storage backend of this process (a Nest provider: inject `StorageBackend`). The readiness check
 * can call `checkConnectivity()`; background work that must run once per data set (the projector, the
 * dispatcher) goes through `runExclusive()`.
 */
export abstract class StorageBackend {
  abstract readonly kind: BackendConfig['kind'];
  /** the raw store, before decorators (upcasting, metrics) */
  abstract readonly eventStore: EventStore;
  abstract readonly readModels: ReadStore;
  abstract readonly contactResolver: ContactResolver;
  /** at start: the servers answer within CONNECT_TIMEOUT_MS (indexes created), else BackendUnavailableError */
  abstract verify(): Promise<void>;
  /** both stores answer within timeoutMs (never throws) */
  abstract checkConnectivity(timeoutMs?: number): Promise<Connectivity>;
  /**
   * Starts `work` now (embedded: one process per data set) or whenever this instance holds the lease
   * for `role` (distributed: exactly one instance at a time). Stopped by close().
   */
  abstract runExclusive(role: string, work: LeasedWork): Promise<void>;
  /** distributed: the MongoDB database of this data set, for stores that live next to the read models (automations, API keys; closed by close()); embedded: null */
  get mongoDb(): Db | null {
    return null;
  }
  abstract close(): Promise<void>;
}

class EmbeddedBackend extends StorageBackend {
  readonly kind = 'embedded';
  readonly eventStore: SqliteEventStore;
  readonly readModels: SqliteReadModels;
  readonly contactResolver: SqliteRegisterQueries;
  private readonly running: LeasedWork[] = [];

  constructor(dataDir: string) {
    super();
    // a directory that cannot be created or written (a root-owned volume, say) names DATA_DIR and the path
    this.eventStore = inDataDir(dataDir, () => SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') }));
    this.readModels = inDataDir(dataDir, () => SqliteReadModels.open(join(dataDir, 'read-models.sqlite')));
    this.contactResolver = new SqliteRegisterQueries(this.readModels.db);
  }

  async verify(): Promise<void> {}

  async checkConnectivity(): Promise<Connectivity> {
    return { eventStore: { ok: true }, readStore: { ok: true } };
  }

  async runExclusive(_role: string, work: LeasedWork): Promise<void> {
    await work.start();
    this.running.push(work);
  }

  async close(): Promise<void> {
    for (const work of this.running.splice(0).reverse()) await work.stop();
    await this.eventStore.close();
    await this.readModels.close();
  }
}

type Log = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

class DistributedBackend extends StorageBackend {
  readonly kind = 'distributed';
  readonly eventStore: EventStoreDbEventStore;
  readonly readModels: MongoReadModels;
  readonly contactResolver: MongoContactResolver;
  override get mongoDb(): Db {
    return this.readModels.db;
  }
  private readonly runners: LeaseRunner[] = [];
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly config: Extract<BackendConfig, { kind: 'distributed' }>,
    private readonly log: Log,
    private readonly timeoutMs: number,
  ) {
    super();
    this.eventStore = parse('EVENTSTORE_URL', config.eventStoreUrl, () =>
      EventStoreDbEventStore.fromConnectionString(config.eventStoreUrl, {
        connectTimeoutMs: timeoutMs,
        onSubscriptionDrop: (error, attempt, delayMs) =>
          log('warn', `EventStoreDB subscription dropped (attempt ${attempt}); resubscribing in ${delayMs} ms`, error),
      }),
    );
    this.readModels = parse('MONGODB_URL', config.mongoUrl, () => MongoReadModels.create(config.mongoUrl, { connectTimeoutMs: timeoutMs }));
    this.contactResolver = new MongoContactResolver(this.readModels);
  }

  async verify(): Promise<void> {
    const [eventStore, readStore] = await Promise.allSettled([this.eventStore.checkConnectivity(), this.readModels.verify()]);
    const where = (url: string) => `at ${redact(url)} within ${this.timeoutMs} ms`;
    if (eventStore.status === 'rejected') {
      throw new BackendUnavailableError('EVENTSTORE_URL', `EventStoreDB did not answer ${where(this.config.eventStoreUrl)}: ${messageOf(eventStore.reason)}`);
    }
    if (readStore.status === 'rejected') {
      throw new BackendUnavailableError('MONGODB_URL', `MongoDB did not answer ${where(this.config.mongoUrl)}: ${messageOf(readStore.reason)}`);
    }
  }

  async checkConnectivity(timeoutMs = this.timeoutMs): Promise<Connectivity> {
    const outcome = (result: PromiseSettledResult<void>) =>
      result.status === 'fulfilled' ? ({ ok: true } as const) : ({ ok: false, message: messageOf(result.reason) } as const);
    const [eventStore, readStore] = await Promise.allSettled([
      this.eventStore.checkConnectivity(timeoutMs),
      this.readModels.checkConnectivity(timeoutMs),
    ]);
    return { eventStore: outcome(eventStore), readStore: outcome(readStore) };
  }

  async runExclusive(role: string, work: LeasedWork): Promise<void> {
    const lease = new MongoLease(this.readModels.db, role, this.owner, LEASE_TTL_MS);
    const runner = new LeaseRunner(lease, work, { log: (level, message, detail) => this.log(level, `${role}: ${message}`, detail) });
    this.runners.push(runner);
    runner.start();
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
    await this.eventStore.close();
    await this.readModels.close();
  }
}

/** Opens the configured backend without waiting for servers (call verify() before serving). */
export function openBackend(
  config: { dataDir: string; backend?: BackendConfig },
  log: Log,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): StorageBackend {
  const backend = config.backend ?? { kind: 'embedded' };
  return backend.kind === 'distributed' ? new DistributedBackend(backend, log, connectTimeoutMs) : new EmbeddedBackend(config.dataDir);
}

function parse<T>(variable: string, url: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw new BackendUnavailableError(variable, `cannot use '${redact(url)}': ${messageOf(error)}`);
  }
}

function inDataDir<T>(dataDir: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw new ConfigError('DATA_DIR', `cannot use '${dataDir}': ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
