import { describe, expect, it } from 'vitest';
import { articleTests, compileFilterMongo, compileSegmentPipeline } from './compile-mongo';
import type { ConditionNode } from './segment-ast';
import { keysOf, segmentOf as segment } from './testing/segment-test-helpers';

const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('MongoDB compiler: article conditions as SKU sets from the register', () => {
  const filter = segment({
    line: {
      any: [
        { field: 'article.brand', op: 'eq', value: '$where' },
        { field: 'article.brand', op: 'ne', value: '$where' },
        { field: 'article.size', op: 'nin', value: [40, '{"$gt":""}'] },
        { field: 'article.eco', op: 'exists', value: false },
        { field: 'article.colour', op: 'startsWith', value: 'r.*' },
      ],
    },
  }).filter;

  it('gives one register test per condition: the positive test, keyed so that ne/eq share one', () => {
    const tests = articleTests(filter, { now: NOW, attributesPath: 'attributes' });
    expect(tests.map((test) => test.registerFilter)).toEqual([
      { 'attributes.brand': { $eq: '$where' } },
      { 'attributes.brand': { $eq: '$where' } },
      { 'attributes.size': { $in: [40, '{"$gt":""}'] } },
      { 'attributes.eco': { $exists: true } },
      { 'attributes.colour': { $regex: '^r\\.\\*', $options: 'i' } },
    ]);
    expect(tests[0]!.key).toBe(tests[1]!.key);
    expect(new Set(tests.map((test) => test.key)).size).toBe(4);
    const allowed = new Set([
      '$eq',
      '$in',
      '$exists',
      '$regex',
      '$options',
      'attributes.brand',
      'attributes.size',
      'attributes.eco',
      'attributes.colour',
    ]);
    expect(keysOf(tests.map((test) => test.registerFilter)).filter((key) => !allowed.has(key))).toEqual([]);
  });

  it("tests the lines' SKUs: $in for positive conditions, $nin for those an absent article passes", () => {
    const tests = articleTests(filter, { now: NOW, attributesPath: 'attributes' });
    const skus = new Map<ConditionNode, string[]>(tests.map((test, index) => [test.condition, [`SKU-${index}`, '$ne']]));
    expect(compileFilterMongo(filter, { now: NOW, articleSkus: (condition) => skus.get(condition) })).toEqual({
      $and: [
        { deleted: { $ne: true } },
        {
          lines: {
            $elemMatch: {
              $or: [
                { sku: { $in: ['SKU-0', '$ne'] } },
                { sku: { $nin: ['SKU-1', '$ne'] } },
                { sku: { $nin: ['SKU-2', '$ne'] } },
                { sku: { $nin: ['SKU-3', '$ne'] } },
                { sku: { $in: ['SKU-4', '$ne'] } },
              ],
            },
          },
        },
      ],
    });
  });

  it('without SKU sets it keeps testing attributes denormalised into the lines', () => {
    const pipeline = compileSegmentPipeline(segment({ line: { field: 'article.brand', op: 'eq', value: 'Acme' } }), {
      now: NOW,
      offset: 0,
      count: 10,
    });
    expect(pipeline[0]).toEqual({
      $match: { $and: [{ deleted: { $ne: true } }, { lines: { $elemMatch: { 'article.brand': { $eq: 'Acme' } } } }] },
    });
  });
});
