import { articlesPart } from './articles.part';
import { contactsPart } from './contacts.part';
import { orderViewPart } from './order-view.part';
import { segmentationPart } from './segmentation.part';
import { storesPart } from './stores.part';
import type { SqliteProjectionPart } from './sqlite-projection-part';

/** Every read model of the embedded backend, applied in this order in one transaction per batch. */
export const SQLITE_PROJECTION_PARTS: readonly SqliteProjectionPart[] = [
  // registers first: the order view reads the contact index
  contactsPart,
  articlesPart,
  storesPart,
  orderViewPart,
  segmentationPart,
];
