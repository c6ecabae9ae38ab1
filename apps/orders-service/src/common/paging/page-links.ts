/** A `next`/`previous` link of a paged answer (E1, the order history, segment contacts). */
export type PageLink<L extends object> = { rel: 'next' | 'previous' } & L;

/**
 * The links of the page at `offset` (page size `count`, `totalCount` items), present only where that
 * page has items (SPEC §2):
 * - `next`: offset + count, when items remain after this page;
 * - `previous`: the `count` items before this page — before min(offset, totalCount), so that an offset
 *   past the end links back to the last `count` items (offset 1000 of 30 by 3 → 27), never to an
 *   empty page; none on the first page or when there are no items at all.
 * `link(offset)` builds the rest of a link for the page starting there.
 */
export function pageLinks<L extends object>(totalCount: number, offset: number, count: number, link: (at: number) => L): PageLink<L>[] {
  const links: PageLink<L>[] = [];
  if (offset + count < totalCount) links.push({ rel: 'next', ...link(offset + count) });
  if (offset > 0 && totalCount > 0) links.push({ rel: 'previous', ...link(Math.max(0, Math.min(offset, totalCount) - count)) });
  return links;
}
