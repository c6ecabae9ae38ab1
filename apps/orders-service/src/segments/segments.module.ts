import { Module } from '@nestjs/common';
import { PROJECTION_STORE, SqliteReadModels } from '@orders/read-models';
import { SAVED_SEGMENT_STORE, SqliteSavedSegmentStore } from '@orders/read-models/sqlite/segmentation-saved';
import { SEGMENT_QUERIES, SqliteSegmentQueries } from '@orders/read-models/sqlite/segmentation-queries';
import { SegmentsController } from './segments.controller';
import { unavailableSavedSegments, unavailableSegmentQueries } from './segments-unavailable';
import { SegmentsService } from './segments.service';

/**
 * Segmentation (SPEC §6): ad-hoc segment queries and saved segments, over the embedded read store's
 * segmentation tables. Saved segments are a plain table in the read-model file (see segmentation-saved.ts).
 */
@Module({
  controllers: [SegmentsController],
  providers: [
    {
      provide: SEGMENT_QUERIES,
      useFactory: (store: unknown) => (store instanceof SqliteReadModels ? new SqliteSegmentQueries(store.db) : unavailableSegmentQueries),
      inject: [PROJECTION_STORE],
    },
    {
      provide: SAVED_SEGMENT_STORE,
      useFactory: (store: unknown) => (store instanceof SqliteReadModels ? new SqliteSavedSegmentStore(store.db) : unavailableSavedSegments),
      inject: [PROJECTION_STORE],
    },
    SegmentsService,
  ],
})
export class SegmentsModule {}
