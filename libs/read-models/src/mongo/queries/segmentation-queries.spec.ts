import { describe, expect, it } from 'vitest';
import { parseSegment } from '@orders/segmentation';
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
    ];
    const allowed = new Set([...operators, ...fields]);
    expect(sent.length).toBeGreaterThan(2);
    expect(keysOf(sent).filter((key) => !allowed.has(key))).toEqual([]);
  });
});
