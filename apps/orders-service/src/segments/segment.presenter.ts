import type { SegmentAnswer } from '@orders/segmentation';
import type { SavedSegment } from '@orders/read-models';
import { pageLinks } from '../common/paging/page-links';

const BASE = '/api/v3/segments';

/** A segment link without its rel: GET a page, or POST the same query body with this offset and count. */
interface SegmentLink {
  href: string;
  method: 'GET' | 'POST';
  body?: { offset: number; count: number };
}

/** Body of `POST /segments/query`: its links say "POST the same body with this offset and count". */
export const presentQueryAnswer = (answer: SegmentAnswer, offset: number, count: number) => ({
  ...answer,
  offset,
  count,
  links: pageLinks<SegmentLink>(answer.contactCount, offset, count, (at) => ({
    href: `${BASE}/query`,
    method: 'POST',
    body: { offset: at, count },
  })),
});

/** Body of `GET /segments/{segmentId}/contacts`. */
export const presentSavedAnswer = (segmentId: string, answer: SegmentAnswer, offset: number, count: number) => ({
  ...answer,
  offset,
  count,
  links: pageLinks<SegmentLink>(answer.contactCount, offset, count, (at) => ({
    href: `${BASE}/${encodeURIComponent(segmentId)}/contacts?offset=${at}&count=${count}`,
    method: 'GET',
  })),
});

export const presentSegment = (segment: SavedSegment) => segment;

/** Body of `GET /segments`. */
export const presentSegmentList = (page: { items: SavedSegment[]; totalCount: number }, offset: number, count: number) => ({
  items: page.items,
  totalCount: page.totalCount,
  offset,
  count,
  links: pageLinks<SegmentLink>(page.totalCount, offset, count, (at) => ({ href: `${BASE}?offset=${at}&count=${count}`, method: 'GET' })),
});
