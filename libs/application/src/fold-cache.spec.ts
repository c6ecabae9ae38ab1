import { describe, expect, it } from 'vitest';
import { FoldCache } from './fold-cache';

const folded = (text: string, revision = 0) => ({ state: { text }, revision, keys: new Map() });

describe('FoldCache', () => {
  it('keeps at most maxEntries streams, dropping the least recently used', () => {
    const cache = new FoldCache({ maxEntries: 2 });
    cache.set('a', folded('a'));
    cache.set('b', folded('b'));
    cache.get('a');
    cache.set('c', folded('c'));

    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toEqual({ text: 'a' });
    expect(cache.get('c')?.state).toEqual({ text: 'c' });
    expect(cache.stats().entries).toBe(2);
  });

  it('keeps the states within maxSize (their JSON length), and never one larger than it', () => {
    const cache = new FoldCache({ maxSize: 100 });
    cache.set('a', folded('x'.repeat(30)));
    cache.set('b', folded('y'.repeat(30)));
    cache.set('huge', folded('z'.repeat(200)));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.stats().entries).toBe(2);

    cache.set('c', folded('w'.repeat(30)));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.stats().size).toBeLessThanOrEqual(100);
  });

  it('replacing an entry counts its size once', () => {
    const cache = new FoldCache();
    cache.set('a', folded('aaaa', 0));
    cache.set('a', folded('bbbb', 1));
    expect(cache.stats()).toEqual({ entries: 1, size: JSON.stringify({ text: 'bbbb' }).length });
    expect(cache.get('a')?.revision).toBe(1);
  });
});
