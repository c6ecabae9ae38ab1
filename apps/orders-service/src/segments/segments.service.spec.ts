import { describe, expect, it } from 'vitest';
import type { SavedSegmentStore, SegmentQueries } from '@orders/read-models';
import { SegmentTooLargeError } from '@orders/segmentation';
import { ApiError } from '../common/problem/api-error';
import { SegmentsService } from './segments.service';

describe('SegmentsService', () => {
  it('a segment too large for the backend (SegmentTooLargeError) is a 400 VALIDATION_FAILED naming the condition', async () => {
    const path = 'filter.line';
    const queries: SegmentQueries = {
      query: () => Promise.reject(new SegmentTooLargeError({ [path]: ['selects more articles than a segment can test'] })),
    } as SegmentQueries;
    const service = new SegmentsService(queries, {} as SavedSegmentStore);
    const error = await service.run({ filter: { line: { field: 'article.brand', op: 'eq', value: 'acme' } } }, 0, 10).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: { [path]: ['selects more articles than a segment can test'] },
    });
  });

  it('other query failures pass through unchanged', async () => {
    const failure = new Error('down');
    const service = new SegmentsService({ query: () => Promise.reject(failure) } as unknown as SegmentQueries, {} as SavedSegmentStore);
    await expect(service.run({ filter: { field: 'orderId', op: 'eq', value: 'o' } }, 0, 10)).rejects.toBe(failure);
  });
});
