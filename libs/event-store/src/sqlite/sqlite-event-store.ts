import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { sqliteFaultKind, withStorageFaults } from '../storage-fault';
import { AppendThread, type AppendWorkerFactory } from '../threads/append-thread';
import { AppendWriter, type PreparedAppend } from './append-writer';
import { type GroupCommitLimits, GroupCommitQueue, type GroupCommitStats } from './group-commit';
import { prepareAppend } from './prepare-append';
import { EventReader } from './rows';
import { openDatabase } from './schema';
import { SqliteSubscription } from './subscription';

export interface SqliteEventStoreOptions {
  /** path of the SQLite file (parent directories are created); ':memory:' for a throw-away store */
  file: string;
  /** how often live subscriptions look for commits made by other processes (default 200 ms) */
  pollIntervalMs?: number;
  /** how long a write waits for another process's write lock before failing (default 5000 ms) */
  busyTimeoutMs?: number;
  /**
   * A read-only connection to an existing store (e.g. the read pool's history reads): appends fail
   * (SQLITE_READONLY); the file must exist at the current schema version.
   */
  readonly?: boolean;
  /** group-commit batch caps (default 1000 appends / 10 000 events per transaction) */
  groupCommit?: Partial<GroupCommitLimits>;
  /**
   * Run the group commit (and its fsync) on a worker thread started by this factory, with a write
   * connection of its own; absent: on the calling thread. Reads stay on the calling thread either way.
   */
  appendWorker?: AppendWorkerFactory;
}

/** Where appends are committed: the in-thread group commit, or a worker thread's (AppendThread). */
interface Committer {
  enqueue(append: PreparedAppend): Promise<AppendResult>;
  stats(): GroupCommitStats;
  close(): Promise<void>;
}

/**
 * Embedded EventStore on one SQLite file (better-sqlite3): WAL with synchronous=FULL, concurrent
 * appends group-committed into one transaction per event-loop turn, catch-up subscriptions woken by
 * local commits and by polling. SQLite calls are synchronous on the calling thread, except the
 * commits when `appendWorker` is given: then a worker thread runs the group commit and its fsync.
 */
export class SqliteEventStore implements EventStore {
  private readonly changes = new EventEmitter().setMaxListeners(0);
  private readonly reader: EventReader;
  private readonly committer: Committer;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    options: SqliteEventStoreOptions,
  ) {
    this.reader = new EventReader(db);
    const limits = { maxAppends: options.groupCommit?.maxAppends ?? 1000, maxEvents: options.groupCommit?.maxEvents ?? 10_000 };
    const committed = (head: number): void => this.notifyCommitted(head);
    if (options.appendWorker) {
      const worker = { file: options.file, busyTimeoutMs: options.busyTimeoutMs, groupCommit: limits };
      this.appendThread = new AppendThread(options.appendWorker, worker, committed);
      this.committer = this.appendThread;
    } else {
      const queue = new GroupCommitQueue(new AppendWriter(db), committed, limits);
      this.committer = { enqueue: (append) => queue.enqueue(append), stats: () => queue.stats(), close: async () => queue.drain() };
    }
  }

  /** the worker thread that commits appends, when the store was opened with `appendWorker` */
  readonly appendThread: AppendThread | undefined;

  /** A full disk, a read-only or unreadable file fail its calls with StorageFaultError (store 'events'). */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openDatabase({ file: options.file, busyTimeoutMs: options.busyTimeoutMs, readonly: options.readonly });
    return withStorageFaults(new SqliteEventStore(db, options.pollIntervalMs ?? 200, options), 'events', sqliteFaultKind);
  }

  /**
   * Appends after checking the expected revision (default 'any'); resolves once committed durably.
   * An empty `events` array checks the expected revision, writes nothing and returns the stream's
   * current revision (-1 if it does not exist) and the position of its last event (0 if none).
   */
  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertAccepting();
    return this.committer.enqueue(prepareAppend(streamId, events, options.expectedRevision ?? 'any'));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readStream(streamId, options);
  }

  /** An empty `streamPrefixes` list means no filter. */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readAll(options);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.headPosition();
  }

  /** `maxCount` is ignored by subscriptions; onCaughtUp is called once, the first time the head is reached. */
  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    this.assertAccepting();
    const source = {
      readRange: this.reader.readRange.bind(this.reader),
      headPosition: this.reader.headPosition.bind(this.reader),
      changes: this.changes,
    };
    const subscription = new SqliteSubscription(source, options, handler, this.pollIntervalMs, (ended) => this.subscriptions.delete(ended));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Group-commit counters since open. */
  stats(): GroupCommitStats {
    return this.committer.stats();
  }

  /**
   * Wakes the live subscriptions: events up to `head` are committed. Called after every local commit;
   * a process whose appends are made by another thread or process forwards that thread's commits here.
   */
  notifyCommitted(head: number): void {
    this.changes.emit('committed', head);
  }

  /**
   * Writes the queued appends, stops the subscriptions (after their in-flight batch), closes the file.
   * From the call on, appends and new subscriptions are refused; reads work until the file is closed.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.committer.close();
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      this.closed = true;
      this.db.close();
    })();
    return this.closing;
  }

  private assertAccepting(): void {
    if (this.closing) throw new Error('event store is closed');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}
