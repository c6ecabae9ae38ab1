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
  /**
   * the read pool's connections to the read models (segment queries scan and group tens of thousands of
   * rows): measured with `npm run bench` at 40k orders, 2 MB made them ~15× slower (1.7 vs 24.9 req/s)
   */
  segments: 16384,
  /** a read-only connection to the event log in a worker (history folds read one stream) */
  reader: 2048,
  /** small files: API keys, automations, subject keys */
  small: 1024,
} as const;

/** Sets the connection's page cache (see PAGE_CACHE_KIB). */
export function setPageCache(db: Database.Database, kib: number): void {
  db.pragma(`cache_size = -${Math.max(64, Math.trunc(kib))}`);
}
