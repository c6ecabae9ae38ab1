import { describe, expect, it } from 'vitest';
import { ApiError } from '../problem/api-error';
import { jsonDepthExceeds, MAX_JSON_ARRAY_ITEMS, MAX_JSON_DEPTH, MAX_JSON_KEYS_PER_OBJECT, parseJsonBody } from './json-body';

const parseError = (text: string) => {
  try {
    parseJsonBody(text);
    return 'parsed';
  } catch (error) {
    return error instanceof ApiError ? error.detail : 'other';
  }
};

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

  it(`refuses an object with more than ${MAX_JSON_KEYS_PER_OBJECT} keys (60,000 unknown keys cost no validation)`, () => {
    const keys = (count: number) => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])));
    expect(codeOf(keys(MAX_JSON_KEYS_PER_OBJECT))).toBe('parsed');
    expect(codeOf(keys(MAX_JSON_KEYS_PER_OBJECT + 1))).toBe('400 MALFORMED_JSON');
    expect(codeOf(`{"data":${keys(60_000)}}`)).toBe('400 MALFORMED_JSON');
    expect(codeOf(`[${keys(MAX_JSON_KEYS_PER_OBJECT)}]`)).toBe('parsed');
    expect(parseError(`{"a":[{"b":${keys(60_000)}}]}`)).toBe('The object at a[0].b has more than 1000 keys; send at most 1000.');
  });

  it(`refuses an array with more than ${MAX_JSON_ARRAY_ITEMS} elements, naming its path; strings are not counted`, () => {
    const items = (count: number) => `{"x":{"items":[${Array.from({ length: count }, () => '{"s":",,[{"}').join(',')}]}}`;
    expect(codeOf(items(MAX_JSON_ARRAY_ITEMS))).toBe('parsed');
    expect(parseError(items(MAX_JSON_ARRAY_ITEMS + 1))).toBe('The array at x.items has more than 10000 elements; send at most 10000.');
    expect(parseError(`[${'0,'.repeat(250_000)}0]`)).toMatch(/^The array at \$ has more/);
    expect(codeOf(`{"a\\"":[${'1,'.repeat(20)}1]}`)).toBe('parsed');
  });

  it('measures depth without recursion, even for 100k levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepthExceeds(deep, 32)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: 1 } }, 2)).toBe(false);
  });
});
