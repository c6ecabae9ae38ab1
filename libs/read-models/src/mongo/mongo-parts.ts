import type { MongoProjectionPart } from './mongo-projection-part';
import { mongoOrderViewPart } from './order-view.part';

/**
 * Every read model of the MongoDB backend, applied in this order per batch. The registers (contacts,
 * articles, stores) and segmentation follow their SQLite parts here; once the contact register exists,
 * it goes first and the order view resolves contacts through it, as in sqlite-parts.ts.
 */
export const MONGO_PROJECTION_PARTS: readonly MongoProjectionPart[] = [mongoOrderViewPart];
