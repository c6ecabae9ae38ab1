import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@orders/event-store';

/** Maps a logical table name to the physical one (a suffix is used while a rebuild fills fresh tables). */
export type TableNamer = (table: string) => string;

/** A part of the embedded read store that is bound to one set of physical tables. */
export interface BoundProjectionPart {
  /** applies events (position order, all above the checkpoint) inside the store's transaction */
  apply(events: readonly RecordedEvent[]): void;
}

/**
 * One read model of the embedded backend: its tables and how events change them. All parts of a
 * store are applied in one transaction together with the store's checkpoint, so they never disagree.
 * Register new parts in sqlite-parts.ts.
 */
export interface SqliteProjectionPart {
  readonly name: string;
  /** stream-id prefixes whose events this part reads */
  readonly streamPrefixes: readonly string[];
  /** logical names of the tables it owns (a rebuild creates, fills and swaps each of them) */
  readonly tables: readonly string[];
  /** DDL for its tables and indexes; every table and index name goes through `t` */
  schema(t: TableNamer): string;
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart;
}
