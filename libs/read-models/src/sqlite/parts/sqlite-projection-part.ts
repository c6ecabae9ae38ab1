import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@orders/event-store';
import type { OrderViewRecord } from '../../read-model.port';

/** Maps a logical table name to the physical one (a suffix is used while a rebuild fills fresh tables). */
export type TableNamer = (table: string) => string;

/** An order as the order-view part left it after a batch, for the parts applied after it. */
export interface FoldedOrder {
  /** the order's number in the read models (`order_view.seq`): the key of its segment row and lines */
  readonly seq: number;
  readonly record: OrderViewRecord;
  /** a register or replace landed in this batch (lines may have changed) */
  readonly contentChanged: boolean;
  /** more than the revision moved (content, status, delivery, deletion or contact); false after actions only */
  readonly fieldsChanged: boolean;
}

/**
 * What the parts of one batch share (a fresh object per batch): the order-view part folds each order's
 * events once and publishes the result, so the parts after it write from that instead of reading and
 * folding the same events again.
 */
export interface BatchContext {
  /** orders whose view record changed in this batch, by orderId (set by the order-view part) */
  orders?: ReadonlyMap<string, FoldedOrder>;
  /** orders whose contact was re-linked by a contact event in this batch: seq → contactId (order-view part) */
  relinked?: ReadonlyMap<number, string | null>;
}

/** A part of the embedded read store that is bound to one set of physical tables. */
export interface BoundProjectionPart {
  /** applies events (position order, all above the checkpoint) inside the store's transaction */
  apply(events: readonly RecordedEvent[], batch: BatchContext): void;
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
  /** DDL for its tables and the indexes its own writes need; every table and index name goes through `t` */
  schema(t: TableNamer): string;
  /**
   * DDL for indexes only the queries need. A rebuild fills its tables without them and builds them
   * once, sorted, when it swaps the tables in (cheaper than keeping them up to date row by row).
   */
  queryIndexes?(t: TableNamer): string;
  /**
   * Tables only the queries need, derived from the part's tables and built like the query indexes: created by
   * `queryIndexes`, left out while a rebuild replays (its part writes them only where they exist) and, at the
   * rebuild's swap, dropped, created again and filled at once by {@link fillQueryTables}.
   */
  readonly queryTables?: readonly string[];
  /** fills the (empty) query tables from the part's tables in bulk */
  fillQueryTables?(db: Database.Database, t: TableNamer): void;
  /** brings tables written by an earlier version to today's shape; runs before the DDL above, in a transaction */
  migrate?(db: Database.Database, t: TableNamer): void;
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart;
}
