import type { Collection, Db } from 'mongodb';
import type { SavedSegment, SavedSegmentStore } from '../../segment.port';
import { isDuplicateKeyError } from '../duplicate-key';

export const SAVED_SEGMENTS_COLLECTION = 'saved_segments';

/**
 * A saved segment as stored: the definition (filter, having) as JSON text, exactly as the client sent
 * it — so no key of the client's JSON ever becomes a MongoDB field name.
 */
interface SavedSegmentDocument {
  _id: string;
  name: string;
  definition: string;
  createdAt: string;
  updatedAt: string;
}

const toSegment = (doc: SavedSegmentDocument): SavedSegment => {
  const definition = JSON.parse(doc.definition) as { filter: unknown; having?: unknown };
  return {
    segmentId: doc._id,
    name: doc.name,
    filter: definition.filter,
    ...(definition.having !== undefined ? { having: definition.having } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
};

/**
 * Saved segments on MongoDB, as a plain collection owned by the segments feature (`saved_segments`),
 * the counterpart of SqliteSavedSegmentStore: not event-sourced and not a projection (a rebuild of the
 * read models leaves it alone — it is no part's collection — and it is the only copy). Listed by name,
 * then segmentId; a save keeps the first `createdAt` of a segmentId.
 */
export class MongoSavedSegmentStore implements SavedSegmentStore {
  private indexes: Promise<unknown> | undefined;

  constructor(private readonly db: Db) {}

  private async collection(): Promise<Collection<SavedSegmentDocument>> {
    const collection = this.db.collection<SavedSegmentDocument>(SAVED_SEGMENTS_COLLECTION);
    this.indexes ??= collection.createIndexes([{ key: { name: 1, _id: 1 }, name: 'by_name' }]).catch((error: unknown) => {
      this.indexes = undefined; // try again on the next call
      throw error;
    });
    await this.indexes;
    return collection;
  }

  async list(offset: number, count: number): Promise<{ items: SavedSegment[]; totalCount: number }> {
    const collection = await this.collection();
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments({}),
      count > 0 ? collection.find({}).sort({ name: 1, _id: 1 }).skip(offset).limit(count).toArray() : Promise.resolve([]),
    ]);
    return { items: docs.map(toSegment), totalCount };
  }

  async get(segmentId: string): Promise<SavedSegment | null> {
    const doc = await (await this.collection()).findOne({ _id: segmentId });
    return doc ? toSegment(doc) : null;
  }

  async save(segment: SavedSegment): Promise<void> {
    const collection = await this.collection();
    const definition = JSON.stringify({ filter: segment.filter, having: segment.having });
    const write = () =>
      collection.updateOne(
        { _id: segment.segmentId },
        { $set: { name: segment.name, definition, updatedAt: segment.updatedAt }, $setOnInsert: { createdAt: segment.createdAt } },
        { upsert: true },
      );
    try {
      await write();
    } catch (error) {
      // two saves of a new segmentId at once: the loser's insert collides; as an update it now lands
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async delete(segmentId: string): Promise<boolean> {
    const result = await (await this.collection()).deleteOne({ _id: segmentId });
    return result.deletedCount > 0;
  }
}
