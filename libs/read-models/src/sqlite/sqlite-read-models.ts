import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_CACHE_KIB, type RecordedEvent, setPageCache, sqliteFaultKind, withStorageFaults } from '@orders/event-store';
import type { OrderPage, OrderReadModel, OrderViewRecord, ProjectionStore } from '../read-model.port';
import { SqliteOrderQueries } from './parts/order-view.part';
import { SQLITE_PROJECTION_PARTS } from './parts/sqlite-parts';
import type { BoundProjectionPart, SqliteProjectionPart } from './parts/sqlite-projection-part';
import { writeWhenUnlocked } from './write-lock';

/**
 * The read-model file's layout (`PRAGMA user_version`). 2 (2026-12-08): segment rows keyed by the order view's
 * `seq` without an order-id index of their own, which a service of layout 1 could not write; a file of a newer
 * layout is refused.
 */
const SCHEMA_VERSION = 2;

/**
 * The projector's connection copies the WAL back into the file (and syncs both) every this many pages,
 * SQLite's default being 1,000. The checkpoint runs inside the projector's commit, so its length is a wait
 * for every job behind it: at ~900 registrations/s the bench's lag p99 was 79 / 83 ms at 4,000, 51–53 ms at
 * 1,000 and 40 / 42 ms at 250, for the same CPU (docs/performance.md#read-model-checkpoints-2026-12-07).
 * A rebuild sets its own, larger value (tuneForBulkWrites).
 */
export const READ_MODEL_CHECKPOINT_PAGES = 250;
const PROJECTION_NAME = 'orders';
const identity = (table: string): string => table;

/**
 * The embedded read store: one SQLite file holding every read model (see sqlite-parts.ts) and the
 * projector's checkpoint, written in the same transaction as the rows it covers.
 */
export class SqliteReadModels implements OrderReadModel, ProjectionStore {
  readonly name = PROJECTION_NAME;
  readonly streamPrefixes: readonly string[];
  private readonly bound: BoundProjectionPart[];
  private readonly queries: SqliteOrderQueries;
  private readonly getCheckpoint;
  private readonly setCheckpoint;

  private constructor(
    readonly db: Database.Database,
    readonly parts: readonly SqliteProjectionPart[],
  ) {
    this.streamPrefixes = [...new Set(parts.flatMap((part) => part.streamPrefixes))];
    this.bound = parts.map((part) => part.bind(db, identity));
    this.queries = new SqliteOrderQueries(db);
    this.getCheckpoint = db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?');
    this.setCheckpoint = db.prepare<[string, number]>(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    );
  }

  static open(file: string, parts: readonly SqliteProjectionPart[] = SQLITE_PROJECTION_PARTS): SqliteReadModels {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Rows and checkpoint commit together, so a lost commit only means re-applying from the older
    // checkpoint: NORMAL keeps the read side consistent without an fsync per batch.
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${READ_MODEL_CHECKPOINT_PAGES}`);
    db.pragma('busy_timeout = 5000');
    // erasure (docs/personal-data.md): deleted and rewritten content is overwritten in the file, not left in free space
    db.pragma('secure_delete = ON');
    setPageCache(db, PAGE_CACHE_KIB.readModels);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`read-model file ${file} has schema ${version}, newer than this service (${SCHEMA_VERSION})`);
    }
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    db.transaction(() => {
      for (const part of parts) part.migrate?.(db, identity);
    })();
    for (const part of parts) db.exec(part.schema(identity) + (part.queryIndexes?.(identity) ?? ''));
    // writing the pragma takes the write lock even when the value is the same: only when it changes,
    // so that opening the file (the CLI's status, say) never waits on or blocks a writer
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    // a full disk, a read-only or unreadable file fail its calls with StorageFaultError (store 'read-models')
    return withStorageFaults(new SqliteReadModels(db, parts), 'read-models', sqliteFaultKind);
  }

  async checkpoint(): Promise<number> {
    return this.getCheckpoint.get(this.name)?.position ?? 0;
  }

  /** One transaction per batch, the write lock waited for off the event loop (see writeWhenUnlocked). */
  async applyBatch(events: readonly RecordedEvent[], checkpoint: number): Promise<void> {
    await writeWhenUnlocked(this.db, () => {
      // read inside the transaction: whoever committed last (live projector or a rebuild swap) wins
      const current = this.getCheckpoint.get(this.name)?.position ?? 0;
      const fresh = events.filter((event) => event.position > current);
      if (fresh.length > 0) {
        const batch = {};
        for (const part of this.bound) part.apply(fresh, batch);
      }
      if (checkpoint > current) this.setCheckpoint.run(this.name, checkpoint);
    });
  }

  getOrder(orderId: string): Promise<OrderViewRecord | null> {
    return this.queries.getOrder(orderId);
  }

  listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    return this.queries.listByContact(contactId, offset, count);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
