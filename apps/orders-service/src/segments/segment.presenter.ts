import type { SegmentAnswer } from '@orders/segmentation';
import type { SavedSegment } from '@orders/read-models/sqlite/segmentation-saved';
import { pageLinks as sharedPageLinks } from '../common/paging/page-links';

const BASE = '/api/v3/segments';

interface Link {
  rel: 'next' | 'previous';
  href: string;
  method: 'GET' | 'POST';
  body?: { offset: number; count: number };
}

/** `next`/`previous` links, present only where that page has items (the rule of E1: common/paging/page-links.ts). */
function pageLinks(total: number, offset: number, count: number, link: (at: number) => Omit<Link, 'rel'>): Link[] {
  return sharedPageLinks(total, offset, count, link);
}

/** Body of `POST /segments/query`: its links say "POST the same body with this offset and count". */
export const presentQueryAnswer = (answer: SegmentAnswer, offset: number, count: number) => ({
  ...answer,
  offset,
  count,
  links: pageLinks(answer.contactCount, offset, count, (at) => ({ href: `${BASE}/query`, method: 'POST', body: { offset: at, count } })),
});

/** Body of `GET /segments/{segmentId}/contacts`. */
export const presentSavedAnswer = (segmentId: string, answer: SegmentAnswer, offset: number, count: number) => ({
  ...answer,
  offset,
  count,
  links: pageLinks(answer.contactCount, offset, count, (at) => ({
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
  links: pageLinks(page.totalCount, offset, count, (at) => ({ href: `${BASE}?offset=${at}&count=${count}`, method: 'GET' })),
});
