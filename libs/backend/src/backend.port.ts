import type { ApiKeyStore } from '@orders/api-keys';
import type { AutomationStore } from '@orders/automations';
import type { EventStore } from '@orders/event-store';
import type { SubjectKeys } from '@orders/personal-data';
import type {
  ContactResolver,
  ListingQueries,
  OrderHistoryQueries,
  OrderReadModel,
  ProjectionStore,
  ProjectorOptions,
  SavedSegmentStore,
  SegmentQueries,
} from '@orders/read-models';
import type { LeasedWork } from '@orders/read-models/mongo';
import { ConfigError } from './config-error';
import type { ProjectionsAdmin } from './projections-admin';

/** Bound of the connectivity checks at start (and the default of checkConnectivity()). */
export const CONNECT_TIMEOUT_MS = 5_000;
/** A lease expires this long after its last renewal; it is renewed every third of it. */
export const LEASE_TTL_MS = 15_000;

/** The embedded store counts as writable again once its file system has this much space free (1 MiB). */
export const MIN_FREE_BYTES = 1024 * 1024;

/** A store that could not be reached (or refused us) at start; names the variable to look at. */
export class BackendUnavailableError extends ConfigError {
  constructor(variable: string, message: string) {
    super(variable, message);
    this.name = 'BackendUnavailableError';
  }
}

/** The embedded data set is not there (opened with `existing`: a command that reads what a service wrote). */
export class DataSetNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataSetNotFoundError';
  }
}

export type ReadStore = OrderReadModel & ProjectionStore & { readonly streamPrefixes: readonly string[]; close(): Promise<void> };
export type Connectivity = Record<'eventStore' | 'readStore', { ok: true } | { ok: false; message: string }>;
export type BackendLog = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
/** What the service hears from its projector, wherever it runs (this thread, a worker thread). */
export type ProjectorHooks = Pick<ProjectorOptions, 'log' | 'onFailing' | 'onRecovered'>;

/**
 * Every store of this process, on the embedded files under DATA_DIR or on EventStoreDB + MongoDB (one
 * MongoDB connection for the read models, saved segments, automations and API keys). Stores open on
 * first use and are closed by close(). The only place that knows which backend it is.
 */
export interface Backend {
  /** the raw store, before decorators (upcasting, metrics) */
  readonly eventStore: EventStore;
  /**
   * the store as every reader and writer (handlers, projector, history, CLI, rebuild) must see it: personal
   * fields sealed per data subject on append and opened on read (docs/personal-data.md), order events upcast on read
   */
  readonly orderEvents: EventStore;
  /** the data subjects' keys (embedded: DATA_DIR/subject-keys.sqlite; distributed: MongoDB), cached briefly */
  readonly subjectKeys: SubjectKeys;
  readonly readModels: ReadStore;
  readonly contactResolver: ContactResolver;
  /** the console's listings (registers, recent orders, a contact's figures) over the read models */
  readonly listings: ListingQueries;
  readonly segmentQueries: SegmentQueries;
  /**
   * history and time travel over `orderEvents`: embedded with threads and a read pool, on the pool's
   * workers (budget, per-caller slots); else folded on the calling thread
   */
  readonly orderHistory: OrderHistoryQueries;
  readonly savedSegments: SavedSegmentStore;
  readonly automations: AutomationStore;
  /** projection status and rebuild (the CLI), over `orderEvents` */
  readonly projections: ProjectionsAdmin;
  /**
   * The projector of `readModels` over `orderEvents`, to run through runExclusive('projector', …).
   * Embedded with threads: on a worker thread of its own (threads/projector-thread.ts); else a Projector here.
   */
  projector(hooks: ProjectorHooks): LeasedWork;
  /**
   * The API keys. Distributed: over the read models' connection once MongoDB is in use (the service);
   * else over a connection of its own, checked within the bound (the CLI's keys commands need nothing else).
   */
  apiKeys(): Promise<ApiKeyStore>;
  /** at start: the servers answer within CONNECT_TIMEOUT_MS (indexes created), else BackendUnavailableError */
  verify(): Promise<void>;
  /**
   * Resolves when the stores look writable now, else rejects saying why; readiness calls it while a
   * write has failed with a storage fault, to recover by itself. Embedded: DATA_DIR and its files are
   * writable and the file system has at least MIN_FREE_BYTES free; distributed: both servers answer.
   */
  probeWritable(): Promise<void>;
  /** both stores answer within timeoutMs (never throws) */
  checkConnectivity(timeoutMs?: number): Promise<Connectivity>;
  /**
   * Starts `work` now (embedded: one process per data set) or whenever this instance holds the lease
   * for `role` (distributed: exactly one instance at a time). Stopped by close().
   */
  runExclusive(role: string, work: LeasedWork): Promise<void>;
  /**
   * After an erasure: embedded, every SQLite file under DATA_DIR has its WAL checkpointed and truncated
   * (with secure_delete on, no erased content stays in a file); distributed: nothing to do here.
   */
  checkpointFiles(): Promise<void>;
  close(): Promise<void>;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Injection token of the process's Backend (Nest, and anything else that resolves by token). */
export const BACKEND = Symbol('BACKEND');
/** Injection token of the process's projector (the LeasedWork Backend.projector() made). */
export const PROJECTOR = Symbol('PROJECTOR');
