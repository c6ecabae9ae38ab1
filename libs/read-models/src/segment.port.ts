import type { Segment, SegmentAnswer } from '@orders/segmentation';
import type { ReadContext } from './read-budget';

export interface SegmentPage {
  offset: number;
  count: number;
  /** epoch ms that `within` counts back from (default: now) */
  now?: number;
}

/**
 * Runs segments (SPEC §6) against a read model. Every adapter (SQLite, MongoDB) implements it. A query
 * that exceeds its time budget rejects with QueryBudgetExceededError (read-budget.ts).
 */
export interface SegmentQueries {
  query(segment: Segment, page: SegmentPage, context?: ReadContext): Promise<SegmentAnswer>;
}

export const SEGMENT_QUERIES = Symbol('SEGMENT_QUERIES');

/** A saved segment: its definition as the client sent it (validated on save, parsed again when run). */
export interface SavedSegment {
  segmentId: string;
  name: string;
  filter: unknown;
  having?: unknown;
  createdAt: string;
  updatedAt: string;
}

/** Where saved segments live. */
export interface SavedSegmentStore {
  list(offset: number, count: number): Promise<{ items: SavedSegment[]; totalCount: number }>;
  get(segmentId: string): Promise<SavedSegment | null>;
  save(segment: SavedSegment): Promise<void>;
  /** false when there was none */
  delete(segmentId: string): Promise<boolean>;
}

export const SAVED_SEGMENT_STORE = Symbol('SAVED_SEGMENT_STORE');
