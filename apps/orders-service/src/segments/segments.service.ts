import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SAVED_SEGMENT_STORE, type SavedSegment, type SavedSegmentStore, SEGMENT_QUERIES, type SegmentQueries } from '@orders/read-models';
import { parseSegment, type Segment, type SegmentAnswer, SegmentTooLargeError } from '@orders/segmentation';
import { segmentInvalid, segmentNotFound } from './segment-errors';

export interface SegmentDefinition {
  filter: unknown;
  having?: unknown;
}

/** Runs segments and keeps saved ones. Every definition is parsed against the grammar before use. */
@Injectable()
export class SegmentsService {
  constructor(
    @Inject(SEGMENT_QUERIES) private readonly queries: SegmentQueries,
    @Inject(SAVED_SEGMENT_STORE) private readonly store: SavedSegmentStore,
  ) {}

  /** The typed segment, or a 400 naming every offending JSON path. */
  parse(definition: SegmentDefinition): Segment {
    const result = parseSegment(definition);
    if (!result.ok) throw segmentInvalid(result.errors);
    return result.segment;
  }

  /** `caller`: the API key whose read slots and budget the query counts against (see ReadPool). */
  async run(definition: SegmentDefinition, offset: number, count: number, caller = ''): Promise<SegmentAnswer> {
    try {
      return await this.queries.query(this.parse(definition), { offset, count }, { caller });
    } catch (error) {
      // a valid segment whose compiled query would be too large for the backend (MongoDB: SKU sets)
      if (error instanceof SegmentTooLargeError) throw segmentInvalid(error.errors);
      throw error;
    }
  }

  async runSaved(segmentId: string, offset: number, count: number, caller = ''): Promise<SegmentAnswer> {
    return this.run(await this.get(segmentId), offset, count, caller);
  }

  list(offset: number, count: number) {
    return this.store.list(offset, count);
  }

  async get(segmentId: string): Promise<SavedSegment> {
    const segment = await this.store.get(segmentId);
    if (!segment) throw segmentNotFound(segmentId);
    return segment;
  }

  async create(name: string, definition: SegmentDefinition): Promise<SavedSegment> {
    this.parse(definition);
    const now = new Date().toISOString();
    const segment = withDefinition({ segmentId: randomUUID(), name, createdAt: now, updatedAt: now }, definition);
    await this.store.save(segment);
    return segment;
  }

  async replace(segmentId: string, name: string, definition: SegmentDefinition): Promise<SavedSegment> {
    this.parse(definition);
    const existing = await this.get(segmentId);
    const segment = withDefinition({ segmentId, name, createdAt: existing.createdAt, updatedAt: new Date().toISOString() }, definition);
    await this.store.save(segment);
    return segment;
  }

  async delete(segmentId: string): Promise<void> {
    if (!(await this.store.delete(segmentId))) throw segmentNotFound(segmentId);
  }
}

const withDefinition = (base: Omit<SavedSegment, 'filter' | 'having'>, definition: SegmentDefinition): SavedSegment => ({
  ...base,
  filter: definition.filter,
  ...(definition.having !== undefined ? { having: definition.having } : {}),
});
