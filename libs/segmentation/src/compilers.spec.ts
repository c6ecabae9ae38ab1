import { describe, expect, it } from 'vitest';
import { compileFilterMongo, compileSegmentPipeline } from './compile-mongo';
import { TOTAL_PRICE_DECIMALS } from './segment-limits';
import { compileFilterSql } from './compile-sql';
import { compileSegmentSql } from './compile-sql-query';
import { keysOf, segmentOf as segment } from './testing/segment-test-helpers';

const NOW = Date.parse('2026-06-15T12:00:00Z');

const hostile = segment({
  any: [
    { field: 'orderId', op: 'eq', value: "x' OR 1=1 --" },
    { field: 'externalStatus', op: 'in', value: ['$where', '{"$gt":""}', 'a"b'] },
    { field: 'channel', op: 'contains', value: '.*(a+)+$' },
    {
      line: {
        all: [
          { field: 'article.brand', op: 'startsWith', value: "'); DROP TABLE seg_orders; --" },
          { field: 'sku', op: 'eq', value: '$ne' },
        ],
      },
    },
  ],
});

describe('SQL compiler', () => {
  it('never puts a value into the SQL text: every value is a parameter', () => {
    const { sql, params } = compileFilterSql(hostile.filter, { now: NOW });
    for (const text of ["x' OR 1=1", '$where', 'DROP TABLE', '$ne', '(a+)+']) expect(sql).not.toContain(text);
    expect(params).toEqual(expect.arrayContaining(["x' OR 1=1 --", '$where', '$ne', '$.brand']));
    expect(sql.match(/\?/g)?.length).toBe(params.length);
  });

  it('binds page bounds after the filter and having parameters', () => {
    const { sql, params } = compileSegmentSql(
      segment({ field: 'status', op: 'eq', value: 'Completed' }, { orderCount: { op: 'gte', value: 2 } }),
      {
        now: NOW,
        offset: 20,
        count: 10,
      },
    );
    expect(params).toEqual(['Completed', 2, 20, 30]);
    expect(sql.match(/\?/g)?.length).toBe(params.length);
  });
});

describe('MongoDB compiler', () => {
  it('uses only whitelisted field names and query operators; values stay literals', () => {
    const filter = compileFilterMongo(hostile.filter, { now: NOW });
    const keys = keysOf(filter);
    const allowed = new Set([
      '$and',
      '$or',
      '$nor',
      '$eq',
      '$in',
      '$regex',
      '$options',
      '$elemMatch',
      '$ne',
      'deleted',
      'orderId',
      'externalStatus',
      'channel',
      'lines',
      'article.brand',
      'sku',
    ]);
    expect(keys.filter((key) => !allowed.has(key))).toEqual([]);
    expect(filter).toEqual({
      $and: [
        { deleted: { $ne: true } },
        {
          $or: [
            { orderId: { $eq: "x' OR 1=1 --" } },
            { externalStatus: { $in: ['$where', '{"$gt":""}', 'a"b'] } },
            { channel: { $regex: '\\.\\*\\(a\\+\\)\\+\\$', $options: 'i' } },
            {
              lines: {
                $elemMatch: {
                  $and: [{ 'article.brand': { $regex: "^'\\); DROP TABLE seg_orders; \\-\\-", $options: 'i' } }, { sku: { $eq: '$ne' } }],
                },
              },
            },
          ],
        },
      ],
    });
  });

  it('compares dates as Dates and resolves within against now', () => {
    expect(compileFilterMongo(segment({ field: 'createdAt', op: 'within', value: 'P1M' }).filter, { now: NOW })).toEqual({
      $and: [{ deleted: { $ne: true } }, { createdAt: { $gte: new Date('2026-05-15T12:00:00Z'), $lte: new Date(NOW) } }],
    });
  });

  it('groups per contact, applies having to contacts only and pages the contacts', () => {
    const pipeline = compileSegmentPipeline(
      segment({ field: 'status', op: 'eq', value: 'Completed' }, { totalPrice: { op: 'gt', value: 100 } }),
      { now: NOW, offset: 10, count: 5 },
    );
    expect(pipeline.slice(0, 4)).toEqual([
      { $match: { $and: [{ deleted: { $ne: true } }, { status: { $eq: 'Completed' } }] } },
      { $group: { _id: '$contactId', orderCount: { $sum: 1 }, totalPrice: { $sum: '$totalPrice' } } },
      { $set: { totalPrice: { $round: ['$totalPrice', TOTAL_PRICE_DECIMALS] } } },
      { $match: { $and: [{ _id: { $ne: null } }, { totalPrice: { $gt: 100 } }] } },
    ]);
    expect(JSON.stringify(pipeline[4])).toContain('{"$skip":10},{"$limit":5}');
  });
});
