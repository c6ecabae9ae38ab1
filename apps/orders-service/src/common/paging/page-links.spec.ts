import { describe, expect, it } from 'vitest';
import { pageLinks } from './page-links';

const links = (total: number, offset: number, count: number) => pageLinks(total, offset, count, (at) => ({ at }));

describe('pageLinks', () => {
  it('links the neighbouring pages inside the listing', () => {
    expect(links(30, 0, 3)).toEqual([{ rel: 'next', at: 3 }]);
    expect(links(30, 3, 3)).toEqual([
      { rel: 'next', at: 6 },
      { rel: 'previous', at: 0 },
    ]);
    expect(links(30, 1, 3)).toEqual([
      { rel: 'next', at: 4 },
      { rel: 'previous', at: 0 },
    ]);
    expect(links(30, 27, 3)).toEqual([{ rel: 'previous', at: 24 }]);
    expect(links(3, 0, 3)).toEqual([]);
  });

  it('past the end, previous is the last page that has items, never an empty one', () => {
    expect(links(30, 1000, 3)).toEqual([{ rel: 'previous', at: 27 }]);
    expect(links(30, 30, 3)).toEqual([{ rel: 'previous', at: 27 }]);
    expect(links(11, 99, 10)).toEqual([{ rel: 'previous', at: 1 }]);
    expect(links(2, 50, 10)).toEqual([{ rel: 'previous', at: 0 }]);
  });

  it('an empty listing has no links at any offset', () => {
    expect(links(0, 0, 10)).toEqual([]);
    expect(links(0, 30, 10)).toEqual([]);
  });
});
