import { describe, expect, it } from 'vitest';
import { parseSegment, SegmentTooLargeError } from '@orders/segmentation';
import { QueryBudgetExceededError } from '../../read-budget';
import { keysOf } from '@orders/segmentation/testing/segment-test-helpers';
import { FakeMongoDb } from '../../testing/fake-mongo';
import { TestLog, testOrder } from '../../testing/read-model-log';
import { ARTICLE_REGISTER_COLLECTION } from '../parts/articles.part';
import { MongoReadModels } from '../mongo-read-models';
import { SEGMENTATION_COLLECTION } from '../parts/segmentation.part';
import { MongoSegmentQueries } from './segmentation-queries';

describe('MongoSegmentQueries (in-memory fake)', () => {
  it('sends MongoDB only whitelisted keys: client values stay literals, SKUs from the register stay values', async () => {
    const fake = new FakeMongoDb();
    const store = await MongoReadModels.open(fake.asDb());
    const log = new TestLog();
    const events = [
      log.articleSaved('$where', { attributes: { brand: '$ne' } }),
      log.registered({
        ...testOrder('o', 'c'),
        lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: '$where' }, totalPrice: 10 }] },
      }),
    ];
    await store.applyBatch(events, log.head());
    const sent: unknown[] = [];
    for (const name of [SEGMENTATION_COLLECTION, ARTICLE_REGISTER_COLLECTION]) {
      const collection = fake.collection(name);
      const [find, aggregate] = [collection.find.bind(collection), collection.aggregate.bind(collection)];
      collection.find = (filter, options) => (sent.push(filter, options), find(filter, options));
      collection.aggregate = (pipeline, options) => (sent.push(pipeline, options), aggregate(pipeline, options));
    }
    const parsed = parseSegment({
      filter: {
        any: [
          { field: 'orderId', op: 'in', value: ['$where', '{"$gt":""}'] },
          { field: 'externalStatus', op: 'contains', value: '$regex' },
          {
            line: {
              all: [
                { field: 'article.brand', op: 'eq', value: '$ne' },
                { field: 'sku', op: 'startsWith', value: '$' },
              ],
            },
          },
          { not: { line: { field: 'article.brand', op: 'nin', value: ['$gt'] } } },
        ],
      },
      having: { totalPrice: { op: 'gte', value: 0 } },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const answer = await new MongoSegmentQueries(store.db).query(parsed.segment, { offset: 0, count: 10 });
    expect(answer).toEqual({ orderCount: 1, contactCount: 1, contacts: [{ contactId: 'c', orderCount: 1, totalPrice: 10 }] });
    const operators = [
      '$and',
      '$or',
      '$nor',
      '$eq',
      '$ne',
      '$in',
      '$nin',
      '$gte',
      '$regex',
      '$options',
      '$elemMatch',
      '$match',
      '$group',
      '$sum',
      '$set',
      '$round',
      '$facet',
      '$cond',
      '$sort',
      '$skip',
      '$limit',
    ];
    const fields = [
      'deleted',
      'orderId',
      'externalStatus',
      'lines',
      'sku',
      'attributes.brand',
      '_id',
      'orderCount',
      'totalPrice',
      'contactCount',
      'totals',
      'contacts',
      'projection',
      'allowDiskUse',
      'maxTimeMS',
    ];
    const allowed = new Set([...operators, ...fields]);
    expect(sent.length).toBeGreaterThan(2);
    expect(keysOf(sent).filter((key) => !allowed.has(key))).toEqual([]);
  });

  it('refuses a segment whose article conditions select more SKUs than can be inlined, naming the condition', async () => {
    const fake = new FakeMongoDb();
    const store = await MongoReadModels.open(fake.asDb());
    const log = new TestLog();
    const events = [
      ...['a1', 'a2', 'a3'].map((sku) => log.articleSaved(sku, { attributes: { brand: 'acme' } })),
      log.articleSaved('b1', { attributes: { brand: 'other' } }),
      log.registered({
        ...testOrder('o', 'c'),
        lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: 'a1' }, totalPrice: 10 }] },
      }),
    ];
    await store.applyBatch(events, log.head());
    const segment = (filter: unknown) => {
      const parsed = parseSegment({ filter });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.segment;
    };
    const queries = new MongoSegmentQueries(store.db, { maxSkus: 3, maxBytes: 1024 });
    const page = { offset: 0, count: 10 };
    // three SKUs: at the bound, answered
    const acmeLine = { line: { field: 'article.brand', op: 'eq', value: 'acme' } };
    const acme = segment(acmeLine);
    expect((await queries.query(acme, page)).orderCount).toBe(1);
    // four SKUs across two conditions: the second one crosses the bound and is named
    const both = segment({
      all: [
        { field: 'orderId', op: 'eq', value: 'o' },
        { any: [acmeLine, { line: { field: 'article.brand', op: 'eq', value: 'other' } }] },
      ],
    });
    const error = await queries.query(both, page).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SegmentTooLargeError);
    expect(Object.keys((error as SegmentTooLargeError).errors)).toEqual(['filter.all[1].any[1].line']);
    expect((error as SegmentTooLargeError).errors['filter.all[1].any[1].line']![0]).toMatch(/at most 3 SKUs/);
    // the byte bound, too
    const tiny = new MongoSegmentQueries(store.db, { maxSkus: 100, maxBytes: 20 });
    await expect(tiny.query(acme, page)).rejects.toBeInstanceOf(SegmentTooLargeError);
  });

  it('gives each command what is left of the budget as maxTimeMS, and answers MaxTimeMSExpired as QueryBudgetExceededError', async () => {
    const fake = new FakeMongoDb();
    const store = await MongoReadModels.open(fake.asDb());
    const log = new TestLog();
    await store.applyBatch([log.articleSaved('a1', { attributes: { brand: 'acme' } }), log.registered(testOrder('o', 'c'))], log.head());
    const parsed = parseSegment({ filter: { line: { field: 'article.brand', op: 'eq', value: 'acme' } } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const budgets: unknown[] = [];
    const segments = fake.collection(SEGMENTATION_COLLECTION);
    const register = fake.collection(ARTICLE_REGISTER_COLLECTION);
    const [find, aggregate] = [register.find.bind(register), segments.aggregate.bind(segments)];
    register.find = (filter, options) => (budgets.push((options as { maxTimeMS?: number } | undefined)?.maxTimeMS), find(filter, options));
    segments.aggregate = (pipeline, options) => {
      budgets.push(options?.maxTimeMS);
      if (budgets.length > 2) throw Object.assign(new Error('operation exceeded time limit'), { code: 50, codeName: 'MaxTimeMSExpired' });
      return aggregate(pipeline, options);
    };
    const queries = new MongoSegmentQueries(store.db, { budgetMs: 1500 });
    const page = { offset: 0, count: 10 };
    expect((await queries.query(parsed.segment, page)).orderCount).toBe(0);
    expect(budgets).toHaveLength(2);
    for (const budget of budgets) expect(budget).toEqual(expect.any(Number));
    expect(budgets.every((budget) => (budget as number) > 0 && (budget as number) <= 1500)).toBe(true);
    const error = await queries.query(parsed.segment, page).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(QueryBudgetExceededError);
    expect(error).toMatchObject({ budgetMs: 1500, stage: 'running' });
  });
});
