import { constants, existsSync } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { API_KEYS_FILE, type ApiKeyStore, SqliteApiKeyStore } from '@orders/api-keys';
import { AUTOMATIONS_FILE, type AutomationStore, SqliteAutomationStore } from '@orders/automations';
import { CommitSignal, type EventStore, SqliteEventStore } from '@orders/event-store';
import {
  type OrderHistoryQueries,
  OrderHistoryReader,
  PooledOrderHistory,
  PooledSegmentQueries,
  Projector,
  ReadPool,
  type SavedSegmentStore,
  type SegmentQueries,
  SqliteListingQueries,
  SqliteReadModels,
  SqliteRegisterQueries,
  SqliteSavedSegmentStore,
  SqliteSegmentQueries,
} from '@orders/read-models';
import type { LeasedWork } from '@orders/read-models/mongo';
import {
  SqliteSubjectKeyReader,
  SqliteSubjectKeyStore,
  SUBJECT_KEYS_FILE,
  type SubjectKeyStore,
  SubjectKeys,
  ThreadedSubjectKeyStore,
} from '@orders/personal-data';
import Database from 'better-sqlite3';
import { DEFAULT_READ_POOL, EVENTS_FILE, READ_MODELS_FILE, type ReadPoolSettings } from './backend-config';
import { type Backend, type Connectivity, DataSetNotFoundError, messageOf, MIN_FREE_BYTES, type ProjectorHooks } from './backend.port';
import { ConfigError } from './config-error';
import { orderEventStore } from './order-event-store';
import { embeddedProjections, type ProjectionsAdmin } from './projections-admin';
import { Stores } from './stores';
import { startWorker } from './threads/launch';
import { ProjectorThread } from './threads/projector-thread';
import { AppendWorkerWithKeys } from './threads/subject-key-channel';

/**
 * The projector reads the log at most this often once live: the commits of that span go into one
 * read-model transaction. At 600 registrations/s it took ~1.2 commits per transaction at 0 and the projector
 * spent 0.55 ms of CPU per registration (0.46 at 5 ms); at 755/s 5 → 10 ms took it from 0.36–0.46 to 0.34–0.37 ms
 * (20 ms: 0.33–0.34, for up to 10 ms more lag); docs/performance.md#live-read-interval-projector-trigger-dispatcher.
 */
export const PROJECTOR_READ_INTERVAL_MS = 10;

/** The files under DATA_DIR: events, read models (with saved segments), API keys, automations. One process per data set. */
export class EmbeddedBackend implements Backend {
  private readonly stores = new Stores();
  private readonly running: LeasedWork[] = [];
  /** the store files opened so far (probeWritable checks them) */
  private readonly files = new Set<string>();
  /** with threads: the append worker publishes each commit's head here, and the projector's worker waits on it */
  private readonly commitSignal = new CommitSignal();

  constructor(
    private readonly dataDir: string,
    private readonly existing: boolean,
    /** group commit and projector on worker threads (see threads/); reads stay on this thread */
    private readonly threads = false,
    private readonly readPoolSettings: ReadPoolSettings = DEFAULT_READ_POOL,
  ) {}

  get eventStore(): SqliteEventStore {
    return this.stores.once('eventStore', () =>
      this.inDataDir(() =>
        SqliteEventStore.open({
          file: this.file(EVENTS_FILE),
          ...(this.threads ? { appendWorker: this.appendWorkers.spawn } : {}),
        }),
      ),
    );
  }

  get orderEvents(): EventStore {
    return this.stores.once('orderEvents', () => orderEventStore(this.eventStore, this.subjectKeys), false);
  }

  /**
   * with threads, the key store's writes (and their fsync) run on the append worker (threads/subject-key-channel.ts);
   * known subjects and keys are read here, on a read-only connection
   */
  get subjectKeys(): SubjectKeys {
    return this.stores.once('subjectKeys', () => new SubjectKeys(this.inDataDir(() => this.subjectKeyStore())));
  }

  private subjectKeyStore(): SubjectKeyStore {
    const store = SqliteSubjectKeyStore.open(this.file(SUBJECT_KEYS_FILE));
    if (!this.threads) return store;
    void store.close(); // opened here only to create the file and its schema (and to find DATA_DIR usable) before a worker does
    return new ThreadedSubjectKeyStore(
      () => this.appendWorkers.connect(this.eventStore.appendThread!),
      SqliteSubjectKeyReader.open(this.file(SUBJECT_KEYS_FILE)),
    );
  }

  private get appendWorkers(): AppendWorkerWithKeys {
    return this.stores.once(
      'appendWorkers',
      () => new AppendWorkerWithKeys(join(this.dataDir, SUBJECT_KEYS_FILE), this.commitSignal.buffer),
      false,
    );
  }

  get readModels(): SqliteReadModels {
    return this.stores.once('readModels', () => this.inDataDir(() => SqliteReadModels.open(this.file(READ_MODELS_FILE))));
  }

  get contactResolver(): SqliteRegisterQueries {
    return this.stores.once('contactResolver', () => new SqliteRegisterQueries(this.readModels.db), false);
  }

  get listings(): SqliteListingQueries {
    return this.stores.once('listings', () => new SqliteListingQueries(this.readModels.db), false);
  }

  /** on the read pool (worker threads, read-only connections, a budget per query), unless READ_POOL_SIZE is 0 */
  get segmentQueries(): SegmentQueries {
    return this.stores.once(
      'segmentQueries',
      () => (this.readPoolSettings.size > 0 ? new PooledSegmentQueries(this.readPool) : new SqliteSegmentQueries(this.readModels.db)),
      false,
    );
  }

  /** with threads and a read pool, folded on the pool's workers (a budget per read, slots per caller); else on this thread */
  get orderHistory(): OrderHistoryQueries {
    return this.stores.once(
      'orderHistory',
      () => {
        if (!this.threads || this.readPoolSettings.size <= 0) return new OrderHistoryReader(this.orderEvents);
        void this.orderEvents; // the event and key files opened (created, migrated) here first, before a worker opens them
        return new PooledOrderHistory(this.readPool);
      },
      false,
    );
  }

  /** opened after the read models, which create the file and its schema */
  private get readPool(): ReadPool {
    return this.stores.once('readPool', () => {
      const file = this.readModels.db.name;
      // with threads, history reads too (orderHistory): the workers open these files on their first one
      const history = { eventsFile: join(this.dataDir, EVENTS_FILE), subjectKeysFile: join(this.dataDir, SUBJECT_KEYS_FILE) };
      return new ReadPool({ file, ...this.readPoolSettings, ...(this.threads ? { history } : {}) }, (data) => startWorker('read', data));
    });
  }

  get savedSegments(): SavedSegmentStore {
    return this.stores.once('savedSegments', () => new SqliteSavedSegmentStore(this.readModels.db), false);
  }

  get automations(): AutomationStore {
    return this.stores.once('automations', () => SqliteAutomationStore.open(this.file(AUTOMATIONS_FILE)));
  }

  get projections(): ProjectionsAdmin {
    return this.stores.once('projections', () => embeddedProjections(this.orderEvents, join(this.dataDir, READ_MODELS_FILE)), false);
  }

  projector(hooks: ProjectorHooks): LeasedWork {
    if (!this.threads)
      return new Projector(this.orderEvents, this.readModels, {
        streamPrefixes: this.readModels.streamPrefixes,
        liveReadIntervalMs: PROJECTOR_READ_INTERVAL_MS,
        ...hooks,
      });
    const files = {
      liveReadIntervalMs: PROJECTOR_READ_INTERVAL_MS,
      commitSignal: this.commitSignal.buffer, // the append worker's commits wake the projector's subscription
      eventsFile: this.file(EVENTS_FILE),
      readModelsFile: this.file(READ_MODELS_FILE),
      subjectKeysFile: this.file(SUBJECT_KEYS_FILE),
    };
    const projector = new ProjectorThread((options) => startWorker('projector', options), files, hooks);
    void this.readModels; // opened (and migrated) here first, before the worker opens it
    void this.subjectKeys; // the key file likewise
    return projector;
  }

  async apiKeys(): Promise<ApiKeyStore> {
    // a DATA_DIR that does not exist is a typo far more often than a wish: a key file there is never read
    if (this.existing && !existsSync(this.dataDir)) {
      throw new DataSetNotFoundError(`no data directory at ${this.dataDir} (DATA_DIR): create it, or start the service once, first`);
    }
    return this.stores.once('apiKeys', () => SqliteApiKeyStore.open(this.file(API_KEYS_FILE)));
  }

  async verify(): Promise<void> {
    const eventsFile = join(this.dataDir, EVENTS_FILE);
    if (this.existing && !existsSync(eventsFile)) {
      throw new DataSetNotFoundError(`no event store at ${eventsFile} (set DATA_DIR to the service's data directory)`);
    }
  }

  /**
   * Cheap: an access(W_OK) on DATA_DIR and on each store file opened (EROFS on a read-only mount, a
   * file's mode when not root, a file moved away), then one statfs for the free space.
   */
  async probeWritable(): Promise<void> {
    for (const path of [this.dataDir, ...this.files]) {
      await access(path, constants.W_OK).catch((error: unknown) => {
        throw new Error(`${path} is not writable: ${messageOf(error)}`);
      });
    }
    const { bavail, bsize } = await statfs(this.dataDir);
    const free = bavail * bsize;
    if (free < MIN_FREE_BYTES) throw new Error(`${this.dataDir} has ${free} bytes free (less than ${MIN_FREE_BYTES})`);
  }

  async checkConnectivity(): Promise<Connectivity> {
    return { eventStore: { ok: true }, readStore: { ok: true } };
  }

  async runExclusive(_role: string, work: LeasedWork): Promise<void> {
    await work.start();
    this.running.push(work);
  }

  async checkpointFiles(): Promise<void> {
    for (const file of this.files) {
      if (!existsSync(file)) continue;
      const db = new Database(file, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    }
  }

  async close(): Promise<void> {
    for (const work of this.running.splice(0).reverse()) await work.stop();
    await this.stores.close(['readPool', 'apiKeys', 'automations', 'eventStore', 'readModels', 'subjectKeys']);
  }

  private file(name: string): string {
    const path = join(this.dataDir, name);
    this.files.add(path);
    return path;
  }

  /** a directory that cannot be created or written (a root-owned volume, say) names DATA_DIR and the path */
  private inDataDir<T>(open: () => T): T {
    try {
      return open();
    } catch (error) {
      throw new ConfigError('DATA_DIR', `cannot use '${this.dataDir}': ${messageOf(error)}`, { cause: error });
    }
  }
}
