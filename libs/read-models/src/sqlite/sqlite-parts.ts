import { orderViewPart } from './order-view.part';
import type { SqliteProjectionPart } from './sqlite-projection-part';

/** Every read model of the embedded backend, applied in this order in one transaction per batch. */
export const SQLITE_PROJECTION_PARTS: readonly SqliteProjectionPart[] = [orderViewPart];
