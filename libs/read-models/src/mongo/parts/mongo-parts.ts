import { mongoArticlesPart } from './articles.part';
import { mongoContactsPart } from './contacts.part';
import type { MongoProjectionPart } from './mongo-projection-part';
import { mongoOrderViewPart } from './order-view.part';
import { mongoSegmentationPart } from './segmentation.part';
import { mongoStoresPart } from './stores.part';

/** Every read model of the MongoDB backend, applied in this order per batch (as sqlite-parts.ts). */
export const MONGO_PROJECTION_PARTS: readonly MongoProjectionPart[] = [
  // registers first: the order view resolves contacts through the contact register
  mongoContactsPart,
  mongoArticlesPart,
  mongoStoresPart,
  mongoOrderViewPart,
  // after the order view: it copies each order's view document (content and resolved contact)
  mongoSegmentationPart,
];
