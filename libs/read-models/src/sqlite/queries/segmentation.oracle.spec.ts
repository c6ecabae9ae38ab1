import { aggregate } from 'mingo';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@orders/event-store';
import {
  compileSegmentPipeline,
  type SegmentAnswer,
  type SegmentOrderDocument,
  type SegmentPipelineResult,
  toSegmentDocument,
} from '@orders/segmentation';
import { foldHistory, randomArticles, randomOrderHistory, type RandomOrderHistory } from '@orders/segmentation/testing/random-orders';
import { randomSegmentCases } from '@orders/segmentation/testing/random-filters';
import { SeededRandom } from '@orders/segmentation/testing/seeded-random';
import { SqliteReadModels } from '../sqlite-read-models';
import { SqliteSegmentQueries } from './segmentation-queries';

/**
 * Oracle test of the two compilers: seeded random orders (with status/delivery changes, replaces,
 * deletes) are projected into the embedded read store through the real parts, and the same orders
 * become MongoDB documents (SegmentOrderDocument); for seeded random filters the SQL answer must equal
 * the MongoDB pipeline evaluated by mingo. Replay one run with SEGMENT_ORACLE_SEED=<seed>.
 */
const NOW = Date.parse('2026-06-15T12:00:00Z');
const RUNS = Number(process.env.SEGMENT_ORACLE_RUNS ?? 6);
const ORDERS_PER_RUN = 160;
const FILTERS_PER_RUN = 80;
const baseSeed = process.env.SEGMENT_ORACLE_SEED ? Number(process.env.SEGMENT_ORACLE_SEED) : (Date.now() % 1_000_000) * 10;

const opened: SqliteReadModels[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function project(store: SqliteReadModels, histories: RandomOrderHistory[], random: SeededRandom): Promise<void> {
  const queues = histories.map((history) => history.events.map((event, revision) => ({ history, event, revision })));
  const all: RecordedEvent[] = [];
  while (queues.some((queue) => queue.length > 0)) {
    const queue = random.pick(queues.filter((q) => q.length > 0));
    const { history, event, revision } = queue.shift()!;
    all.push({
      id: `${history.orderId}-${revision}`,
      streamId: `order-${history.orderId}`,
      revision,
      position: all.length + 1,
      type: event.type,
      data: event.data as unknown as RecordedEvent['data'],
      metadata: {} as RecordedEvent['metadata'],
      createdAt: new Date(NOW).toISOString(),
    });
  }
  for (let start = 0; start < all.length; start += 37) {
    const batch = all.slice(start, start + 37);
    await store.applyBatch(batch, batch[batch.length - 1]!.position);
  }
}

function mongoAnswer(docs: SegmentOrderDocument[], pipeline: Record<string, unknown>[]): SegmentAnswer {
  const [result] = aggregate(docs, pipeline) as unknown as SegmentPipelineResult[];
  const totals = result?.totals[0];
  return {
    orderCount: totals?.orderCount ?? 0,
    contactCount: totals?.contactCount ?? 0,
    contacts: (result?.contacts ?? []).map((group) => ({
      contactId: group._id,
      orderCount: group.orderCount,
      totalPrice: group.totalPrice,
    })),
  };
}

describe('segmentation: SQL compiler vs MongoDB pipeline (mingo oracle)', () => {
  for (let run = 0; run < RUNS; run++) {
    const seed = baseSeed + run;
    it(`gives the same answer for ${FILTERS_PER_RUN} random filters over ${ORDERS_PER_RUN} random orders (seed ${seed})`, async () => {
      const random = new SeededRandom(seed);
      const store = SqliteReadModels.open(':memory:');
      opened.push(store);
      const articles = randomArticles(random);
      const insertArticle = store.db.prepare('INSERT INTO article_register (sku, name, attributes) VALUES (?, ?, ?)');
      for (const [sku, attributes] of articles) insertArticle.run(sku, null, JSON.stringify(attributes));
      const histories = Array.from({ length: ORDERS_PER_RUN }, (_, index) => randomOrderHistory(random, `o-${index + 1}`, NOW));
      await project(store, histories, random);

      const contactOf = store.db.prepare<[string], { contact_id: string | null }>('SELECT contact_id FROM order_view WHERE order_id = ?');
      const docs = histories.map((history) => {
        const state = foldHistory(history);
        return toSegmentDocument(state.order!, contactOf.get(history.orderId)?.contact_id ?? null, state.status === 'deleted', (sku) =>
          articles.get(sku),
        );
      });
      const queries = new SqliteSegmentQueries(store.db);
      let nonEmpty = 0;
      for (const { segment, page, context } of randomSegmentCases(random, seed, FILTERS_PER_RUN, NOW)) {
        const sql = queries.querySync(segment, page);
        const mongo = mongoAnswer(docs, compileSegmentPipeline(segment, page));
        if (sql.orderCount > 0) nonEmpty++;
        expect(sql, context).toEqual(mongo);
      }
      // the generators must produce filters that select something, or the comparison proves little
      expect(nonEmpty).toBeGreaterThan(FILTERS_PER_RUN / 5);
    });
  }
});
