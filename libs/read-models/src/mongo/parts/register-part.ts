import type { AnyBulkWriteOperation, Collection, Db, IndexDescription } from 'mongodb';
import type { RegisterEvent, RegisterKind } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { upsertIfNewer } from '../duplicate-key';
import { fenceFields, fenceFilter } from '../fence';
import type { CollectionNamer, MongoProjectionPart } from './mongo-projection-part';

/**
 * One register entry (contact, article, store). `revision` is the last stream revision it reflects.
 * A deleted entry stays as a tombstone (`deleted: true`, no fields) so that a redelivered older
 * event can never bring it back; readers filter on `deleted: false`.
 */
export interface RegisterDocument {
  _id: string;
  revision: number;
  deleted: boolean;
}

export interface RegisterPartSpec<T, D extends RegisterDocument> {
  name: string;
  kind: RegisterKind;
  collection: string;
  indexes: IndexDescription[];
  /** the document of a saved entry (`previous`: the state before this event, null when none) */
  present(id: string, value: T, previous: D | null, event: RecordedEvent): D;
  /** the tombstone of a deleted entry */
  absent(id: string, event: RecordedEvent): D;
  /** a `…Saved` without a value deletes the entry (the SQLite contacts part reads it so) instead of being ignored */
  savedWithoutValueDeletes?: boolean;
}

/**
 * A register part: folds each entry's events of a batch onto its stored document (events at or below
 * its revision are skipped) and writes the result only over an older revision (upsertIfNewer), so a
 * redelivered batch changes nothing. Unknown types (and `…Saved` without a value, unless
 * savedWithoutValueDeletes) only move the revision.
 */
export function registerPart<T, D extends RegisterDocument>(spec: RegisterPartSpec<T, D>): MongoProjectionPart {
  const collectionOf = (db: Db, c: CollectionNamer): Collection<D> => db.collection<D>(c(spec.collection));
  return {
    name: spec.name,
    streamPrefixes: [spec.kind.prefix],
    collections: [spec.collection],
    async ensureIndexes(db, c) {
      // every register is listed (the console) in key order without its tombstones, and counted so
      await collectionOf(db, c).createIndexes([...spec.indexes, { key: { deleted: 1, _id: 1 }, name: 'listing' }]);
    },
    async apply(db, events, c, fence = 0) {
      const byEntry = new Map<string, RecordedEvent[]>();
      for (const event of events) {
        if (!event.streamId.startsWith(spec.kind.prefix)) continue;
        const id = event.streamId.slice(spec.kind.prefix.length);
        byEntry.set(id, [...(byEntry.get(id) ?? []), event]);
      }
      if (byEntry.size === 0) return;
      const collection = collectionOf(db, c);
      const stored = (await collection.find({ _id: { $in: [...byEntry.keys()] } } as never).toArray()) as D[];
      const current = new Map(stored.map((doc) => [doc._id, doc]));
      const writes: AnyBulkWriteOperation<D>[] = [];
      for (const [id, entryEvents] of byEntry) {
        const before = current.get(id) ?? null;
        const after = entryEvents.reduce((doc, event) => foldEvent(spec, id, doc, event), before);
        if (!after || after === before) continue;
        writes.push({
          replaceOne: {
            filter: { _id: id, revision: { $lt: after.revision }, ...fenceFilter(fence) } as never,
            replacement: { ...withoutId(after), ...fenceFields(fence) } as never,
            upsert: true,
          },
        });
      }
      await upsertIfNewer(collection, writes);
    },
  };
}

function foldEvent<T, D extends RegisterDocument>(spec: RegisterPartSpec<T, D>, id: string, doc: D | null, event: RecordedEvent): D | null {
  if (doc && event.revision <= doc.revision) return doc;
  const value = (event.data as RegisterEvent<T>['data']).value;
  if (event.type === spec.kind.saved && value !== undefined) return spec.present(id, value, doc && !doc.deleted ? doc : null, event);
  if (event.type === spec.kind.deleted || (event.type === spec.kind.saved && spec.savedWithoutValueDeletes)) return spec.absent(id, event);
  return doc ? { ...doc, revision: event.revision } : null;
}

function withoutId<D extends RegisterDocument>(doc: D): Omit<D, '_id'> {
  const { _id, fence: _fence, ...rest } = doc as D & { fence?: number };
  return rest as Omit<D, '_id'>;
}
