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
   * rows): measured with `npm run bench` at 40k orders, 2 MB made them ~15× slower (1.7 vs 24.9 req/s).
   * 12 MB (was 16), measured 2026-12-06 with the bench's phase 7 on 88k orders, two runs each: the
   * service's peak RSS 244 / 244 → 238 / 237 MB, segment queries 6.5 / 6.5 → 4.7 / 6.2 req/s (within the
   * spread of other runs of the same code, 4.9–7.6); 8 MB fell off a cliff (0.5 req/s).
   */
  segments: 12288,
  /** a read-only connection to the event log in a worker (history folds read one stream) */
  reader: 2048,
  /** small files: API keys, automations, subject keys */
  small: 1024,
} as const;

/** Sets the connection's page cache (see PAGE_CACHE_KIB). */
export function setPageCache(db: Database.Database, kib: number): void {
  db.pragma(`cache_size = -${Math.max(64, Math.trunc(kib))}`);
}
