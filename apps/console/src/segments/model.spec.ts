import { describe, expect, it } from 'vitest';
import { parseSegment } from '@orders/segmentation/parse-segment';
import { fromSegment, newCondition, newGroup, newModel, type SegmentModel, toFilter, toHaving, valueOf } from './model';

/** The builder's JSON must be what the service's own parser accepts, and a saved segment must reopen as it was. */
const condition = (scope: 'order' | 'line', field: string, op: string, value: string, value2 = '') => ({
  ...newCondition(scope),
  field,
  op,
  value,
  value2,
});

function sample(): SegmentModel {
  const model = newModel();
  model.root.children = [
    condition('order', 'status', 'eq', 'Completed'),
    condition('order', 'createdAt', 'within', 'P90D'),
    {
      ...newGroup(false, [condition('order', 'totalPrice', 'between', '100', '500'), condition('order', 'currencyCode', 'in', 'SEK, EUR')]),
      mode: 'any',
      negate: true,
    },
    newGroup(true, [
      { ...condition('line', 'article.', 'eq', 'Arctic Line'), attribute: 'brand' },
      condition('line', 'quantity', 'gte', '2'),
    ]),
  ];
  model.having.orderCount = { op: 'gte', value: '2', value2: '' };
  return model;
}

describe('segment builder model', () => {
  it('writes the grammar: groups, not, line blocks, typed values and having', () => {
    const model = sample();
    expect(toFilter(model)).toEqual({
      all: [
        { field: 'status', op: 'eq', value: 'Completed' },
        { field: 'createdAt', op: 'within', value: 'P90D' },
        {
          not: {
            any: [
              { field: 'totalPrice', op: 'between', value: [100, 500] },
              { field: 'currencyCode', op: 'in', value: ['SEK', 'EUR'] },
            ],
          },
        },
        {
          line: {
            all: [
              { field: 'article.brand', op: 'eq', value: 'Arctic Line' },
              { field: 'quantity', op: 'gte', value: 2 },
            ],
          },
        },
      ],
    });
    expect(toHaving(model)).toEqual({ orderCount: { op: 'gte', value: 2 } });
    const parsed = parseSegment({ filter: toFilter(model), having: toHaving(model) });
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  });

  it('collapses a group of one and has no filter without a condition', () => {
    const model = newModel();
    expect(toFilter(model)).toEqual({ field: 'status', op: 'eq', value: 'Completed' });
    model.root.children = [];
    expect(toFilter(model)).toBeUndefined();
    expect(toHaving(model)).toBeUndefined();
  });

  it('types values by field kind: numbers, booleans of exists, attribute numbers and booleans', () => {
    expect(valueOf('number', 'eq', '12.5', '')).toBe(12.5);
    expect(valueOf('number', 'eq', 'abc', '')).toBe('abc');
    expect(valueOf('text', 'eq', '42', '')).toBe('42');
    expect(valueOf('attribute', 'eq', '42', '')).toBe(42);
    expect(valueOf('attribute', 'in', 'true, M', '')).toEqual([true, 'M']);
    expect(valueOf('enum', 'exists', 'false', '')).toBe(false);
    expect(valueOf('date', 'exists', 'true', '')).toBe(true);
  });

  it('reopens a saved segment to the same JSON', () => {
    const model = sample();
    const reopened = fromSegment(toFilter(model), toHaving(model));
    expect(toFilter(reopened)).toEqual(toFilter(model));
    expect(toHaving(reopened)).toEqual(toHaving(model));
    const single = fromSegment({ not: { line: { field: 'sku', op: 'startsWith', value: 'BELT' } } });
    expect(toFilter(single)).toEqual({ not: { line: { field: 'sku', op: 'startsWith', value: 'BELT' } } });
  });

  it('refuses JSON outside the grammar', () => {
    expect(() => fromSegment({ bogus: 1 })).toThrow(/not a condition/);
    expect(() => fromSegment('status')).toThrow(/must be an object/);
  });
});
