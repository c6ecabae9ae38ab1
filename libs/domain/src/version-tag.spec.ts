import { describe, it, expect } from 'vitest';
import { decodeVersionTag, encodeVersionTag, fnv1a32 } from './version-tag';

describe('versionTag', () => {
  it.each([0, 1, 35, 36, 1234, 2 ** 31, Number.MAX_SAFE_INTEGER])('round-trips revision %d', (revision) => {
    const tag = encodeVersionTag('order-1', revision);
    expect(tag).toMatch(/^[0-9a-z]+-[0-9a-f]{8}$/);
    expect(encodeURIComponent(tag)).toBe(tag);
    expect(decodeVersionTag('order-1', tag)).toBe(revision);
  });

  it('is deterministic and differs per revision and per order', () => {
    expect(encodeVersionTag('order-1', 3)).toBe(encodeVersionTag('order-1', 3));
    expect(encodeVersionTag('order-1', 3)).not.toBe(encodeVersionTag('order-1', 4));
    expect(encodeVersionTag('order-1', 3)).not.toBe(encodeVersionTag('order-2', 3));
  });

  it('does not accept the tag of another order', () => {
    expect(decodeVersionTag('order-2', encodeVersionTag('order-1', 3))).toBeNull();
  });

  it('does not accept a tag whose revision was edited', () => {
    const [, sum] = encodeVersionTag('order-1', 3).split('-');
    expect(decodeVersionTag('order-1', `4-${sum}`)).toBeNull();
  });

  it('does not accept a tag whose checksum was edited', () => {
    const tag = encodeVersionTag('order-1', 3);
    const last = tag.at(-1) === '0' ? '1' : '0';
    expect(decodeVersionTag('order-1', tag.slice(0, -1) + last)).toBeNull();
  });

  it.each([undefined, null, 3, '', '3', 'abc', ' 3-00000000', '3-0000000g', '03-00000000', '3-ABCDEF12', ['3-00000000']])(
    'answers null for the malformed tag %j',
    (tag) => {
      expect(decodeVersionTag('order-1', tag)).toBeNull();
    },
  );

  it('does not accept a leading-zero spelling of a valid tag', () => {
    const [revision, sum] = encodeVersionTag('order-1', 5).split('-');
    expect(decodeVersionTag('order-1', `0${revision}-${sum}`)).toBeNull();
  });

  it('refuses to encode a revision that is not a non-negative integer', () => {
    for (const revision of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => encodeVersionTag('order-1', revision)).toThrow(RangeError);
    }
  });

  it('uses the standard 32-bit FNV-1a', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });
});
