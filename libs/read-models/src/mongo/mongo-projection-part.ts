import type { Db } from 'mongodb';
import type { RecordedEvent } from '@orders/event-store';

/**
 * One read model of the MongoDB backend: its collections, their indexes and how events change them —
 * the counterpart of SqliteProjectionPart. MongoDB has no transaction spanning a batch here (a
 * standalone server is enough), so every part must make re-applying events harmless: documents carry
 * the stream revision they reflect and a write only lands when it moves that revision forward. The
 * store moves its checkpoint after all parts have applied a batch; a crash in between re-applies the
 * batch, which then changes nothing. Register new parts in mongo-parts.ts.
 */
export interface MongoProjectionPart {
  readonly name: string;
  /** stream-id prefixes whose events this part reads */
  readonly streamPrefixes: readonly string[];
  /** names of the collections it owns */
  readonly collections: readonly string[];
  /** creates the indexes its writes and queries need (idempotent; run at start) */
  ensureIndexes(db: Db): Promise<void>;
  /** applies events (position order, all above the store's checkpoint); must be idempotent */
  apply(db: Db, events: readonly RecordedEvent[]): Promise<void>;
}
