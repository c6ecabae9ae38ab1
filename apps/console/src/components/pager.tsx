import type { Page } from '../api/types';
import { count as formatCount } from '../format';

/** Previous/next over an E1-style page; `onOffset` gets the offset of the page to show. */
export function Pager({
  page,
  onOffset,
  label,
}: {
  page: Pick<Page<unknown>, 'offset' | 'count' | 'totalCount'>;
  onOffset: (offset: number) => void;
  label: string;
}) {
  const { offset, count, totalCount } = page;
  const last = Math.min(offset + count, totalCount);
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - count))}>
        Previous
      </button>
      <span>{totalCount === 0 ? 'none' : `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(totalCount)}`}</span>
      <button type="button" class="secondary" disabled={last >= totalCount} onClick={() => onOffset(offset + count)}>
        Next
      </button>
    </nav>
  );
}
