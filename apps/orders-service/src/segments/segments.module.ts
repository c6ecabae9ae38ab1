import { Module } from '@nestjs/common';
import { BACKEND, type Backend } from '@orders/backend';
import { SAVED_SEGMENT_STORE, SEGMENT_QUERIES } from '@orders/read-models';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';

/**
 * Segmentation (SPEC §6): ad-hoc segment queries and saved segments, over the backend's read store —
 * the embedded file's segmentation tables, or MongoDB's `segmentation_orders` collection. Saved
 * segments are a plain table / collection next to the read models (@orders/backend hands out both).
 */
@Module({
  controllers: [SegmentsController],
  providers: [
    { provide: SEGMENT_QUERIES, useFactory: (backend: Backend) => backend.segmentQueries, inject: [BACKEND] },
    { provide: SAVED_SEGMENT_STORE, useFactory: (backend: Backend) => backend.savedSegments, inject: [BACKEND] },
    SegmentsService,
  ],
})
export class SegmentsModule {}
