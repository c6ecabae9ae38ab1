import { encodeVersionTag } from '@orders/domain';
import { describe, expect, it } from 'vitest';
import { ApplicationError } from './application-error';
import { assertIfMatch, parseIfMatch } from './if-match';

const tag = encodeVersionTag('o-1', 3);

const failure = (header: string, version = 3): ApplicationError | undefined => {
  try {
    assertIfMatch(header, 'o-1', version);
    return undefined;
  } catch (error) {
    return error as ApplicationError;
  }
};

describe('If-Match', () => {
  it('parses quoted, weak, bare, listed and * tags', () => {
    expect(parseIfMatch(`"${tag}"`)).toEqual([tag]);
    expect(parseIfMatch(`W/"${tag}"`)).toEqual([tag]);
    expect(parseIfMatch(` ${tag} `)).toEqual([tag]);
    expect(parseIfMatch(`"a", W/"b"`)).toEqual(['a', 'b']);
    expect(parseIfMatch('*')).toBe('*');
  });

  it('refuses malformed headers', () => {
    for (const bad of ['', ' ', '"', 'W/', '"a" "b"', 'a b', '"a",', ',', '*, "a"', 'x'.repeat(20)])
      expect(parseIfMatch(bad), bad).toBeNull();
  });

  it('passes for the current version (or *) and when absent', () => {
    expect(failure(`"${tag}"`)).toBeUndefined();
    expect(failure('*')).toBeUndefined();
    expect(failure(`"${encodeVersionTag('o-1', 1)}", "${tag}"`)).toBeUndefined();
    expect(() => assertIfMatch(undefined, 'o-1', 3)).not.toThrow();
  });

  it('PRECONDITION_FAILED with the current versionTag for a stale, foreign or malformed tag', () => {
    for (const header of [`"${encodeVersionTag('o-1', 2)}"`, `"${encodeVersionTag('o-2', 3)}"`, 'garbage', '"3-00000000"']) {
      const error = failure(header);
      expect(error, header).toBeInstanceOf(ApplicationError);
      expect(error).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersionTag: tag });
    }
  });
});
