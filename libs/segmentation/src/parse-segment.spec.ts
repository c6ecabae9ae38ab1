import { describe, expect, it } from 'vitest';
import { parseSegment } from './parse-segment';
import { SEGMENT_LIMITS } from './segment-limits';

const ok = { field: 'status', op: 'eq', value: 'Completed' };

function errorsOf(input: { filter: unknown; having?: unknown }): Record<string, string[]> {
  const result = parseSegment(input);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
}

describe('parseSegment: the grammar of SPEC §6', () => {
  it('builds a typed AST with canonical values (enum casing, currency, dates as instants)', () => {
    const result = parseSegment({
      filter: {
        all: [
          { field: 'status', op: 'in', value: ['in progress', 'COMPLETED'] },
          { field: 'currencyCode', op: 'eq', value: 'sek' },
          { field: 'createdAt', op: 'gte', value: '2026-01-01T01:00:00+01:00' },
          {
            line: {
              all: [
                { field: 'returnType', op: 'eq', value: 'complaint' },
                { field: 'article.brand', op: 'eq', value: 'Acme' },
              ],
            },
          },
          { not: { field: 'paymentMethod', op: 'eq', value: 'paypal' } },
        ],
      },
      having: { orderCount: { op: 'gte', value: 2 } },
    });
    expect(result).toEqual({
      ok: true,
      segment: {
        filter: {
          kind: 'all',
          nodes: [
            {
              kind: 'condition',
              field: { scope: 'order', name: 'status' },
              fieldKind: 'enum',
              predicate: { op: 'in', values: ['InProgress', 'Completed'] },
            },
            {
              kind: 'condition',
              field: { scope: 'order', name: 'currencyCode' },
              fieldKind: 'text',
              predicate: { op: 'eq', value: 'SEK' },
            },
            {
              kind: 'condition',
              field: { scope: 'order', name: 'createdAt' },
              fieldKind: 'date',
              predicate: { op: 'gte', value: Date.parse('2026-01-01T00:00:00Z') },
            },
            {
              kind: 'line',
              node: {
                kind: 'all',
                nodes: [
                  {
                    kind: 'condition',
                    field: { scope: 'line', name: 'returnType' },
                    fieldKind: 'enum',
                    predicate: { op: 'eq', value: 'Complaint' },
                  },
                  {
                    kind: 'condition',
                    field: { scope: 'article', attribute: 'brand' },
                    fieldKind: 'attribute',
                    predicate: { op: 'eq', value: 'Acme' },
                  },
                ],
              },
            },
            {
              kind: 'not',
              node: {
                kind: 'condition',
                field: { scope: 'order', name: 'paymentMethod' },
                fieldKind: 'enumSet',
                predicate: { op: 'eq', value: 'PayPal' },
              },
            },
          ],
        },
        having: [{ metric: 'orderCount', predicate: { op: 'gte', value: 2 } }],
      },
    });
  });

  it('parses within as an ISO 8601 duration and between as an inclusive pair', () => {
    const result = parseSegment({
      filter: {
        any: [
          { field: 'createdAt', op: 'within', value: 'P1Y2M3DT4H' },
          { field: 'totalPrice', op: 'between', value: [10, 20] },
        ],
      },
    });
    expect(result.ok && result.segment.filter).toEqual({
      kind: 'any',
      nodes: [
        expect.objectContaining({
          predicate: { op: 'within', duration: { years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 0, seconds: 0 } },
        }),
        expect.objectContaining({ predicate: { op: 'between', low: 10, high: 20 } }),
      ],
    });
  });
});

describe('parseSegment: every rejection names its JSON path', () => {
  const cases: Array<[string, { filter: unknown; having?: unknown }, string, RegExp]> = [
    ['a missing filter', { filter: undefined }, 'filter', /is required/],
    ['a filter that is not an object', { filter: [ok] }, 'filter', /condition object/],
    [
      'an unknown operator deep inside',
      { filter: { all: [ok, ok, { line: { any: [{ field: 'sku', op: 'like', value: 'x' }] } }] } },
      'filter.all[2].line.any[0].op',
      /must be one of eq, ne, in, nin, exists, contains, startsWith/,
    ],
    ['an unknown order field', { filter: { field: 'email', op: 'eq', value: 'x' } }, 'filter.field', /unknown order field 'email'/],
    [
      'a line field outside a line block',
      { filter: { field: 'sku', op: 'eq', value: 'x' } },
      'filter.field',
      /line fields go inside a line block/,
    ],
    [
      'an unknown line field',
      { filter: { line: { field: 'status', op: 'eq', value: 'x' } } },
      'filter.line.field',
      /unknown line field 'status'/,
    ],
    ['a prototype key as field', { filter: { field: 'constructor', op: 'eq', value: 'x' } }, 'filter.field', /unknown order field/],
    [
      'an article attribute that is not a plain name',
      { filter: { line: { field: 'article.$where', op: 'eq', value: 'x' } } },
      'filter.line.field',
      /article attribute names/,
    ],
    ['a nested line block', { filter: { line: { line: ok } } }, 'filter.line.line', /cannot be nested/],
    ['an unknown key next to a block', { filter: { all: [ok], foo: 1 } }, 'filter.foo', /is not allowed/],
    ['two blocks in one node', { filter: { all: [ok], any: [ok] } }, 'filter', /exactly one of all, any, not, line/],
    ['an extra key in a condition', { filter: { ...ok, extra: true } }, 'filter.extra', /not allowed in a condition/],
    [
      'a __proto__ key',
      { filter: JSON.parse('{"all":[{"field":"status","op":"eq","value":"Completed"}],"__proto__":{"x":1}}') as unknown },
      'filter.__proto__',
      /is not allowed/,
    ],
    ['an empty all', { filter: { all: [] } }, 'filter.all', /must not be empty/],
    ['any that is not an array', { filter: { any: ok } }, 'filter.any', /array of conditions/],
    ['a missing op', { filter: { field: 'status', value: 'x' } }, 'filter.op', /is required/],
    ['a missing value', { filter: { field: 'status', op: 'eq' } }, 'filter.value', /is required/],
    [
      'an operator not defined on the field',
      { filter: { field: 'totalPrice', op: 'contains', value: '1' } },
      'filter.op',
      /for totalPrice/,
    ],
    ['within on a number', { filter: { field: 'totalPrice', op: 'within', value: 'P1D' } }, 'filter.op', /must be one of/],
    [
      'an unknown enum member',
      { filter: { field: 'status', op: 'eq', value: 'Shipped' } },
      'filter.value',
      /InProgress, Completed, Cancelled/,
    ],
    ['a string for a number', { filter: { field: 'totalPrice', op: 'gt', value: '100' } }, 'filter.value', /finite number/],
    [
      'a bad element of an in list',
      { filter: { field: 'paymentMethod', op: 'in', value: ['Card', 'Bitcoin'] } },
      'filter.value[1]',
      /must be one of Card/,
    ],
    ['an empty in list', { filter: { field: 'orderId', op: 'in', value: [] } }, 'filter.value', /must not be empty/],
    [
      'an in list over the limit',
      { filter: { field: 'orderId', op: 'in', value: Array.from({ length: SEGMENT_LIMITS.maxListValues + 1 }, (_, i) => `o${i}`) } },
      'filter.value',
      /at most 500 values/,
    ],
    ['between that is not a pair', { filter: { field: 'totalPrice', op: 'between', value: [1] } }, 'filter.value', /\[low, high\]/],
    [
      'between with low above high',
      { filter: { field: 'totalPrice', op: 'between', value: [5, 1] } },
      'filter.value',
      /low must not be greater than high/,
    ],
    ['exists with a non-boolean', { filter: { field: 'channel', op: 'exists', value: 'yes' } }, 'filter.value', /true or false/],
    ['a date without offset', { filter: { field: 'createdAt', op: 'gt', value: '2026-01-01T00:00:00' } }, 'filter.value', /offset/],
    [
      'a date that does not exist',
      { filter: { field: 'createdAt', op: 'lt', value: '2026-02-30T00:00:00Z' } },
      'filter.value',
      /ISO 8601 date-time/,
    ],
    ['a malformed duration', { filter: { field: 'createdAt', op: 'within', value: 'P30X' } }, 'filter.value', /ISO 8601 duration/],
    ['an empty duration', { filter: { field: 'createdAt', op: 'within', value: 'PT' } }, 'filter.value', /ISO 8601 duration/],
    ['a duration over the limit', { filter: { field: 'createdAt', op: 'within', value: 'P300Y' } }, 'filter.value', /at most 200 years/],
    ['an empty contains', { filter: { field: 'channel', op: 'contains', value: '' } }, 'filter.value', /non-empty string/],
    ['a text over the limit', { filter: { field: 'channel', op: 'eq', value: 'x'.repeat(256) } }, 'filter.value', /at most 255 characters/],
    [
      'a string attribute compared with gt',
      { filter: { line: { field: 'article.size', op: 'gt', value: 'M' } } },
      'filter.line.value',
      /finite number for gt/,
    ],
    [
      'an object as attribute value',
      { filter: { line: { field: 'article.size', op: 'eq', value: { $gt: 1 } } } },
      'filter.line.value',
      /string, a number or a boolean/,
    ],
    [
      'an object where a value belongs',
      { filter: { field: 'orderId', op: 'eq', value: { $ne: null } } },
      'filter.value',
      /must be a string/,
    ],
    ['an unknown having metric', { filter: ok, having: { revenue: { op: 'gt', value: 1 } } }, 'having.revenue', /orderCount or totalPrice/],
    [
      'a bad having operator',
      { filter: ok, having: { orderCount: { op: 'contains', value: 1 } } },
      'having.orderCount.op',
      /must be one of eq/,
    ],
    [
      'a bad having value',
      { filter: ok, having: { totalPrice: { op: 'gte', value: 'lots' } } },
      'having.totalPrice.value',
      /finite number/,
    ],
    [
      'an extra key in having',
      { filter: ok, having: { orderCount: { op: 'gte', value: 1, x: 1 } } },
      'having.orderCount.x',
      /is not allowed/,
    ],
  ];

  it.each(cases)('%s', (_name, input, path, message) => {
    const errors = errorsOf(input);
    expect(Object.keys(errors)).toContain(path);
    expect(errors[path]!.join('; ')).toMatch(message);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf({
      filter: {
        any: [
          { field: 'x', op: 'eq', value: 1 },
          { field: 'status', op: 'gt', value: 1 },
        ],
      },
      having: { orderCount: 3 },
    });
    expect(Object.keys(errors).sort()).toEqual(['filter.any[0].field', 'filter.any[1].op', 'having.orderCount']);
  });

  it('bounds the depth of a filter', () => {
    let filter: unknown = ok;
    for (let level = 0; level < SEGMENT_LIMITS.maxDepth; level++) filter = { not: filter };
    const errors = errorsOf({ filter });
    expect(Object.keys(errors)).toEqual([`filter${'.not'.repeat(SEGMENT_LIMITS.maxDepth)}`]);
    expect(errors[Object.keys(errors)[0]!]![0]).toMatch(/at most 8 levels/);
  });

  it('bounds the values of all in/nin lists of a filter together', () => {
    const list = (n: number) => ({ field: 'orderId', op: 'in', value: Array.from({ length: n }, (_, i) => `o${i}`) });
    const full = Array.from({ length: SEGMENT_LIMITS.maxTotalListValues / SEGMENT_LIMITS.maxListValues }, () =>
      list(SEGMENT_LIMITS.maxListValues),
    );
    expect(parseSegment({ filter: { any: full } }).ok).toBe(true);
    const errors = errorsOf({ filter: { any: [...full, list(1), list(1)] } });
    expect(errors).toEqual({
      [`filter.any[${full.length}].value`]: [
        `the in/nin lists of a filter have at most ${SEGMENT_LIMITS.maxTotalListValues} values together`,
      ],
    });
  });

  it('bounds the number of conditions', () => {
    const errors = errorsOf({ filter: { any: Array.from({ length: SEGMENT_LIMITS.maxConditions + 1 }, () => ok) } });
    expect(errors).toEqual({
      [`filter.any[${SEGMENT_LIMITS.maxConditions}]`]: [`a filter has at most ${SEGMENT_LIMITS.maxConditions} conditions`],
    });
  });
});
