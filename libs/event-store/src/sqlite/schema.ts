import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_CACHE_KIB, setPageCache } from './page-cache';

/** The schema version this code writes and understands (`PRAGMA user_version`). */
export const SCHEMA_VERSION = 1;

/**
 * Migrations by target version: `MIGRATIONS[n - 1]` brings a database from version n-1 to n.
 * Append new entries only; never edit one that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    position   INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id  TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    event_id   TEXT    NOT NULL UNIQUE,
    type       TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    metadata   TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  `,
  // UNIQUE(stream_id, revision) is the index behind "last revision of a stream" and readStream;
  // UNIQUE(event_id) serves the idempotency check; global reads walk the primary key.
];

export interface OpenDatabaseOptions {
  file: string;
  busyTimeoutMs?: number;
  /** a read-only connection to an existing file of this schema version (no pragma written, no migration) */
  readonly?: boolean;
}

/** Opens (creating if needed) the event-store database: pragmas for durable WAL commits, then migrations. */
export function openDatabase(options: OpenDatabaseOptions): Database.Database {
  if (options.readonly) return openReadOnly(options);
  const inMemory = options.file === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
    if (!inMemory && mode !== 'wal') throw new Error(`could not switch ${options.file} to WAL (got ${mode})`);
    // FULL: the WAL is fsynced at every COMMIT, so an acknowledged append survives power loss.
    db.pragma('synchronous = FULL');
    setPageCache(db, PAGE_CACHE_KIB.events);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function openReadOnly(options: OpenDatabaseOptions): Database.Database {
  const db = new Database(options.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version !== SCHEMA_VERSION) {
      throw new Error(
        `event store schema version ${version} of ${options.file} is not ${SCHEMA_VERSION}: a read-only connection does not migrate`,
      );
    }
    setPageCache(db, PAGE_CACHE_KIB.reader);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database): void {
  const version = (): number => Number(db.pragma('user_version', { simple: true }));
  // One step per IMMEDIATE transaction, re-reading the version under the write lock, so that two
  // processes opening the same new file at once do not both run a migration.
  const step = db.transaction((): boolean => {
    const current = version();
    if (current > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${current} is newer than supported (${SCHEMA_VERSION})`);
    }
    if (current === SCHEMA_VERSION) return false;
    const sql = MIGRATIONS[current];
    if (sql === undefined) throw new Error(`missing event store migration to version ${current + 1}`);
    db.exec(sql);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  if (version() === SCHEMA_VERSION) return;
  while (step.immediate()) {
    /* next migration */
  }
}
