import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ApiKeyStore } from '@orders/api-keys';
import { MongoApiKeyStore } from '@orders/api-keys/mongo';
import type { AutomationStore } from '@orders/automations';
import { MongoAutomationStore } from '@orders/automations/mongo';
import { type EventStore, mongoFaultKind, withStorageFaults } from '@orders/event-store';
import { EventStoreDbEventStore, UnsupportedServerVersionError } from '@orders/event-store/eventstoredb';
import {
  type LeasedWork,
  LeaseRunner,
  MongoContactResolver,
  MongoListingQueries,
  MongoLease,
  MongoReadModels,
  MongoSavedSegmentStore,
  MongoSegmentQueries,
} from '@orders/read-models/mongo';
import { type OrderHistoryQueries, OrderHistoryReader, Projector, type SavedSegmentStore, type SegmentQueries } from '@orders/read-models';
import { type BackendConfig, DEFAULT_READ_POOL, redact } from './backend-config';
import { ConfigError } from './config-error';
import {
  type Backend,
  type BackendLog,
  BackendUnavailableError,
  type Connectivity,
  LEASE_TTL_MS,
  messageOf,
  type ProjectorHooks,
} from './backend.port';
import { orderEventStore } from './order-event-store';
import { SubjectKeys } from '@orders/personal-data';
import { MongoSubjectKeyStore } from '@orders/personal-data/mongo';
import { mongoProjections } from './mongo-projections-admin';
import type { ProjectionsAdmin } from './projections-admin';
import { Stores } from './stores';

/**
 * EventStoreDB for the log; one MongoDB connection (the read models') for the read models, saved
 * segments, automations and API keys. Work of one role runs on the instance holding its lease.
 */
export class DistributedBackend implements Backend {
  readonly eventStore: EventStoreDbEventStore;
  private readonly mongo: MongoReadModels;
  /** set once anything of MongoDB is handed out: API keys then share its connection */
  private mongoInUse = false;
  private keys: Promise<ApiKeyStore> | undefined;
  private readonly stores = new Stores();
  private readonly runners: LeaseRunner[] = [];
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly config: Extract<BackendConfig, { kind: 'distributed' }>,
    private readonly log: BackendLog,
    private readonly timeoutMs: number,
    private readonly queryBudgetMs = DEFAULT_READ_POOL.budgetMs,
  ) {
    this.eventStore = parse('EVENTSTORE_URL', config.eventStoreUrl, () =>
      EventStoreDbEventStore.fromConnectionString(config.eventStoreUrl, {
        connectTimeoutMs: timeoutMs,
        onSubscriptionDrop: (error, attempt, delayMs) =>
          log('warn', `EventStoreDB subscription dropped (attempt ${attempt}); resubscribing in ${delayMs} ms`, error),
      }),
    );
    // the client is created (a malformed URL fails here) but connects on first use
    this.mongo = parse('MONGODB_URL', config.mongoUrl, () => MongoReadModels.create(config.mongoUrl, { connectTimeoutMs: timeoutMs }));
  }

  get orderEvents(): EventStore {
    return this.stores.once('orderEvents', () => orderEventStore(this.eventStore, this.subjectKeys), false);
  }

  /** over the backend's connection, like the automations */
  get subjectKeys(): SubjectKeys {
    return this.stores.once(
      'subjectKeys',
      () => new SubjectKeys(mongoFaults(new MongoSubjectKeyStore(this.useMongo().db), 'subject-keys')),
      false,
    );
  }

  /** nothing: MongoDB and EventStoreDB keep no plaintext of a sealed field (see docs/personal-data.md on scavenging) */
  async checkpointFiles(): Promise<void> {}

  get readModels(): MongoReadModels {
    return this.useMongo().readModels;
  }

  get contactResolver(): MongoContactResolver {
    return this.stores.once('contactResolver', () => new MongoContactResolver(this.readModels), false);
  }

  get listings(): MongoListingQueries {
    return this.stores.once('listings', () => mongoFaults(new MongoListingQueries(this.useMongo().db), 'read-models'), false);
  }

  get segmentQueries(): SegmentQueries {
    return this.stores.once('segmentQueries', () => new MongoSegmentQueries(this.useMongo().db, { budgetMs: this.queryBudgetMs }), false);
  }

  /** folded on the calling thread, without a budget: the read pool is the embedded backend's */
  get orderHistory(): OrderHistoryQueries {
    return this.stores.once('orderHistory', () => new OrderHistoryReader(this.orderEvents), false);
  }

  get savedSegments(): SavedSegmentStore {
    return this.stores.once('savedSegments', () => mongoFaults(new MongoSavedSegmentStore(this.useMongo().db), 'read-models'), false);
  }

  /** over the backend's connection (closed by close(); the store's own close() leaves it open) */
  get automations(): AutomationStore {
    return this.stores.once('automations', () => mongoFaults(new MongoAutomationStore(this.useMongo().db), 'automations'));
  }

  get projections(): ProjectionsAdmin {
    return this.stores.once('projections', () => mongoProjections(this.orderEvents, this.readModels), false);
  }

  async apiKeys(): Promise<ApiKeyStore> {
    this.keys ??= this.mongoInUse ? Promise.resolve(mongoFaults(new MongoApiKeyStore(this.mongo.db), 'api-keys')) : this.connectApiKeys();
    return this.keys;
  }

  /** a connection of its own, checked within the bound (closed by the store) */
  private async connectApiKeys(): Promise<ApiKeyStore> {
    const { mongoUrl } = this.config;
    try {
      return mongoFaults(await MongoApiKeyStore.connect(mongoUrl, { connectTimeoutMs: this.timeoutMs }), 'api-keys');
    } catch (error) {
      this.keys = undefined;
      const where = `at ${redact(mongoUrl)} within ${this.timeoutMs} ms`;
      throw new BackendUnavailableError('MONGODB_URL', `MongoDB did not answer ${where}: ${messageOf(error)}`);
    }
  }

  async verify(): Promise<void> {
    const [eventStore, readStore] = await Promise.allSettled([this.eventStore.checkConnectivity(), this.readModels.verify()]);
    const where = (url: string) => `at ${redact(url)} within ${this.timeoutMs} ms`;
    if (eventStore.status === 'rejected' && eventStore.reason instanceof UnsupportedServerVersionError) {
      // the server answers but is too old: a configuration error (exit 2), not an outage
      throw new ConfigError('EVENTSTORE_URL', `${eventStore.reason.message} (at ${redact(this.config.eventStoreUrl)})`, {
        cause: eventStore.reason,
      });
    }
    if (eventStore.status === 'rejected') {
      throw new BackendUnavailableError(
        'EVENTSTORE_URL',
        `EventStoreDB did not answer ${where(this.config.eventStoreUrl)}: ${messageOf(eventStore.reason)}`,
      );
    }
    if (readStore.status === 'rejected') {
      throw new BackendUnavailableError(
        'MONGODB_URL',
        `MongoDB did not answer ${where(this.config.mongoUrl)}: ${messageOf(readStore.reason)}`,
      );
    }
  }

  /** the servers answer (a write fault there is a connection fault: it is over when they answer again) */
  async probeWritable(): Promise<void> {
    const { eventStore, readStore } = await this.checkConnectivity();
    if (!eventStore.ok) throw new Error(`EventStoreDB: ${eventStore.message}`);
    if (!readStore.ok) throw new Error(`MongoDB: ${readStore.message}`);
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

  projector(hooks: ProjectorHooks): LeasedWork {
    return new Projector(this.orderEvents, this.readModels, { streamPrefixes: this.readModels.streamPrefixes, ...hooks });
  }

  async runExclusive(role: string, work: LeasedWork): Promise<void> {
    const lease = new MongoLease(this.useMongo().db, role, this.owner, LEASE_TTL_MS);
    const runner = new LeaseRunner(lease, work, { log: (level, message, detail) => this.log(level, `${role}: ${message}`, detail) });
    this.runners.push(runner);
    runner.start();
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
    await (await this.keys?.catch(() => undefined))?.close();
    await this.stores.close(['automations']);
    await this.eventStore.close();
    await this.mongo.close();
  }

  /** the read models and their database, marking MongoDB as in use */
  private useMongo(): { readModels: MongoReadModels; db: MongoReadModels['db'] } {
    this.mongoInUse = true;
    return { readModels: this.mongo, db: this.mongo.db };
  }
}

/** the stores built here (their libraries have no factory of their own): an unreachable server fails calls with StorageFaultError */
const mongoFaults = <T extends object>(store: T, name: string): T => withStorageFaults(store, name, mongoFaultKind);

function parse<T>(variable: string, url: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw new BackendUnavailableError(variable, `cannot use '${redact(url)}': ${messageOf(error)}`);
  }
}
