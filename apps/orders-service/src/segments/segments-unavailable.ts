import type { SavedSegmentStore } from '@orders/read-models/sqlite/segmentation-saved';
import type { SegmentQueries } from '@orders/read-models/sqlite/segmentation-queries';
import { ApiError } from '../common/problem/api-error';

const unavailable = (): never => {
  throw new ApiError(
    501,
    'SEGMENTATION_UNAVAILABLE',
    'Segmentation unavailable on this backend',
    'Segments run on the embedded backend only; the MongoDB segmentation read model is not built yet.',
  );
};

/** Stands in on the distributed backend so that the service starts and answers a clear 501. */
export const unavailableSegmentQueries: SegmentQueries = { query: async () => unavailable() };

export const unavailableSavedSegments: SavedSegmentStore = {
  list: async () => unavailable(),
  get: async () => unavailable(),
  save: async () => unavailable(),
  delete: async () => unavailable(),
};
