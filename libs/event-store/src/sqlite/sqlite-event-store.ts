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
import { AppendWriter } from './append-writer';
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
  /** group-commit batch caps (default 1000 appends / 10 000 events per transaction) */
  groupCommit?: Partial<GroupCommitLimits>;
}

/**
 * Embedded EventStore on one SQLite file (better-sqlite3): WAL with synchronous=FULL, concurrent
 * appends group-committed into one transaction per event-loop turn, catch-up subscriptions woken by
 * local commits and by polling. All SQLite calls are synchronous on the calling thread.
 */
export class SqliteEventStore implements EventStore {
  private readonly changes = new EventEmitter().setMaxListeners(0);
  private readonly reader: EventReader;
  private readonly queue: GroupCommitQueue;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    limits: Partial<GroupCommitLimits>,
  ) {
    this.reader = new EventReader(db);
    this.queue = new GroupCommitQueue(new AppendWriter(db), (head) => this.changes.emit('committed', head), {
      maxAppends: limits.maxAppends ?? 1000,
      maxEvents: limits.maxEvents ?? 10_000,
    });
  }

  /** A full disk, a read-only or unreadable file fail its calls with StorageFaultError (store 'events'). */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openDatabase({ file: options.file, busyTimeoutMs: options.busyTimeoutMs });
    return withStorageFaults(new SqliteEventStore(db, options.pollIntervalMs ?? 200, options.groupCommit ?? {}), 'events', sqliteFaultKind);
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
    return this.queue.enqueue(prepareAppend(streamId, events, options.expectedRevision ?? 'any'));
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
    return this.queue.stats();
  }

  /**
   * Writes the queued appends, stops the subscriptions (after their in-flight batch), closes the file.
   * From the call on, appends and new subscriptions are refused; reads work until the file is closed.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.queue.drain();
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
