import type { Collection, Db } from 'mongodb';
import { type CollectionNamer, LIVE_COLLECTIONS, type MongoProjectionPart } from '../parts/mongo-projection-part';

/** Where a Mongo rebuild keeps its progress: one document per projection. */
export const REBUILD_STATE_COLLECTION = 'projection_rebuilds';

/** Suffix of the collections a rebuild fills before they replace the live ones. */
export const MONGO_REBUILD_SUFFIX = '__rebuild';

/** The collection namers of the parts: identity for the live collections, the suffix for a rebuild. */
export const liveCollection: CollectionNamer = LIVE_COLLECTIONS;
export const rebuildCollection: CollectionNamer = (name) => `${name}${MONGO_REBUILD_SUFFIX}`;

export interface RebuildStateDocument {
  _id: string;
  /** the parts and collections the rebuild fills: it resumes only into the same set */
  signature: string;
  /** every event up to this global position is applied to the `__rebuild` collections */
  position: number;
  /** `swapping` from the first rename on: such a run cannot be resumed (its collections are half moved) */
  phase: 'replaying' | 'swapping';
  startedAt: Date;
  updatedAt: Date;
}

export function partsSignature(parts: readonly MongoProjectionPart[]): string {
  return parts.map((part) => `${part.name}(${part.collections.join(',')})`).join('|');
}

/** The rebuild checkpoint of one projection (the parts' writes are idempotent, so it moves after them). */
export class RebuildState {
  private readonly states: Collection<RebuildStateDocument>;

  constructor(
    db: Db,
    private readonly name: string,
  ) {
    this.states = db.collection<RebuildStateDocument>(REBUILD_STATE_COLLECTION);
  }

  /** the position to resume from, or null when there is nothing resumable for these parts */
  async resumable(signature: string): Promise<number | null> {
    const state = await this.states.findOne({ _id: this.name });
    return state && state.signature === signature && state.phase === 'replaying' ? state.position : null;
  }

  async start(signature: string): Promise<void> {
    const now = new Date();
    await this.states.findOneAndUpdate(
      { _id: this.name },
      { $set: { signature, position: 0, phase: 'replaying', startedAt: now, updatedAt: now } },
      { upsert: true },
    );
  }

  async savePosition(position: number): Promise<void> {
    await this.states.findOneAndUpdate({ _id: this.name }, { $set: { position, updatedAt: new Date() } });
  }

  async markSwapping(): Promise<void> {
    await this.states.findOneAndUpdate({ _id: this.name }, { $set: { phase: 'swapping', updatedAt: new Date() } });
  }

  async clear(): Promise<void> {
    await this.states.deleteOne({ _id: this.name });
  }
}
