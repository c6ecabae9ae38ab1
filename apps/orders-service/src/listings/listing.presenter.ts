import type { Listing, OrderViewRecord } from '@orders/read-models';
import { pageLinks } from '../common/paging/page-links';

/**
 * An E1-style page of a listing: `{ items, totalCount, offset, count, links }`, the links (pageLinks)
 * repeating the listing's filters. `path` is under /api/v3.
 */
export function presentListing<T, U>(
  listing: Listing<T>,
  path: string,
  filters: Record<string, string | undefined>,
  offset: number,
  count: number,
  present: (item: T) => U,
) {
  const href = (at: number) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) if (value !== undefined) query.set(name, value);
    query.set('offset', String(at));
    query.set('count', String(count));
    return `/api/v3/${path}?${query.toString()}`;
  };
  const links = pageLinks(listing.totalCount, offset, count, (at) => ({ href: href(at), method: 'GET' as const }));
  return { items: listing.items.map(present), totalCount: listing.totalCount, offset, count, links };
}

/** An order in brief (GET /recent-orders). */
export const presentOrderSummary = ({ orderId, contactId, order, versionTag }: OrderViewRecord) => ({
  orderId,
  ...(contactId !== null ? { contactId } : {}),
  status: order.status,
  type: order.type,
  createdAt: order.createdAt,
  totalPrice: order.totalPrice,
  currencyCode: order.currencyCode,
  lineCount: order.lineItems.items.length,
  versionTag,
});
