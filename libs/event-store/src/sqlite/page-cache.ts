import type Database from 'better-sqlite3';

/**
 * SQLite's page cache per connection, in KiB, by what the connection does. better-sqlite3 builds SQLite
 * with a 16 MB default (SQLITE_DEFAULT_CACHE_SIZE=-16000), which every connection fills as its file
 * outgrows it, and the embedded backend opens about a dozen connections over its threads (docs/operations.md,
 * Memory). Pages beyond these caches are read from the OS page cache, which every connection shares.
 */
export const PAGE_CACHE_KIB = {
  /** the event log: the append worker's writer and the readers of streams and the log */
  events: 4096,
  /** the read models: the projector's writer (index updates) and the request thread's point reads */
  readModels: 8192,
  /** a read-only connection of a worker (read pool, history) */
  reader: 2048,
  /** small files: API keys, automations, subject keys */
  small: 1024,
} as const;

/** Sets the connection's page cache (see PAGE_CACHE_KIB). */
export function setPageCache(db: Database.Database, kib: number): void {
  db.pragma(`cache_size = -${Math.max(64, Math.trunc(kib))}`);
}
