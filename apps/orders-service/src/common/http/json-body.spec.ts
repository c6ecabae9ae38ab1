import { describe, expect, it } from 'vitest';
import { ApiError } from '../problem/api-error';
import { jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonBody } from './json-body';

const codeOf = (text: string) => {
  try {
    parseJsonBody(text);
    return 'parsed';
  } catch (error) {
    return error instanceof ApiError ? `${error.status} ${error.code}` : 'other';
  }
};

describe('parseJsonBody', () => {
  it('parses ordinary JSON', () => {
    expect(parseJsonBody('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
  });

  it('reads an empty body (zero bytes) as no body at all', () => {
    expect(codeOf('')).toBe('parsed');
    expect(parseJsonBody('')).toBeUndefined();
  });

  it('rejects whitespace-only, broken, poisoned and too deep bodies as 400 MALFORMED_JSON', () => {
    expect(codeOf(' \r\n\t')).toBe('400 MALFORMED_JSON');
    expect(codeOf('{"a":')).toBe('400 MALFORMED_JSON');
    expect(codeOf('{"__proto__":{"x":1}}')).toBe('400 MALFORMED_JSON');
    expect(codeOf('{"constructor":{"prototype":{"x":1}}}')).toBe('400 MALFORMED_JSON');
    expect(codeOf('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe('400 MALFORMED_JSON');
    expect(codeOf('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe('parsed');
  });

  it('measures depth without recursion, even for 100k levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepthExceeds(deep, 32)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: 1 } }, 2)).toBe(false);
  });
});
