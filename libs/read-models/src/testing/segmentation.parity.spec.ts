import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLE_REGISTER, CONTACT_REGISTER, type Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { POOLS, randomArticles, randomOrderHistory } from '@orders/segmentation/testing/random-orders';
import { randomSegmentCases } from '@orders/segmentation/testing/random-filters';
import { SeededRandom } from '@orders/segmentation/testing/seeded-random';
import { MongoReadModels } from '../mongo/mongo-read-models';
import { MongoSegmentQueries } from '../mongo/queries/segmentation-queries';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { SqliteSegmentQueries } from '../sqlite/queries/segmentation-queries';
import { FakeMongoDb } from './fake-mongo';

/**
 * Parity of the two read sides: one seeded random log — orders with status/delivery changes, replaces,
 * deletes and re-registrations; article-register entries (with non-scalar attributes the SQL ignores),
 * some changed or deleted later; contacts claiming the orders' e-mail keys, sometimes the same key
 * twice, some deleted or moved to another key — is applied, in different random batchings, to
 * SqliteReadModels and to MongoReadModels on the in-memory fake. Every order must have the same
 * contact and warnings on both, and every random segment query the same answer (order count, contact
 * count, the page of contacts). A failure names the seed and the filter; replay with
 * SEGMENT_PARITY_SEED=<seed> (SEGMENT_PARITY_RUNS=<n> for longer runs).
 */
const NOW = Date.parse('2026-06-15T12:00:00Z');
const RUNS = Number(process.env.SEGMENT_PARITY_RUNS ?? 4);
const ORDERS_PER_RUN = 120;
const FILTERS_PER_RUN = 60;
const baseSeed = process.env.SEGMENT_PARITY_SEED ? Number(process.env.SEGMENT_PARITY_SEED) : (Date.now() % 1_000_000) * 10;

type Entry = { streamId: string; type: string; data: Record<string, unknown> };

function registerStreams(random: SeededRandom, emails: string[]): Entry[][] {
  const streams: Entry[][] = [];
  const articles = randomArticles(random);
  for (const [sku, attributes] of articles) {
    const stream: Entry[] = [
      { streamId: `${ARTICLE_REGISTER.prefix}${sku}`, type: ARTICLE_REGISTER.saved, data: { id: sku, value: { attributes } } },
    ];
    if (random.chance(0.2)) {
      const other = randomArticles(random).get(sku) ?? {};
      stream.push({ streamId: stream[0]!.streamId, type: ARTICLE_REGISTER.saved, data: { id: sku, value: { attributes: other } } });
    }
    if (random.chance(0.1)) stream.push({ streamId: stream[0]!.streamId, type: ARTICLE_REGISTER.deleted, data: { id: sku } });
    streams.push(stream);
  }
  let next = 0;
  const contactIds = [...POOLS.contacts];
  for (const email of emails) {
    const claimants = random.chance(0.6) ? (random.chance(0.2) ? 2 : 1) : 0;
    for (let claimant = 0; claimant < claimants; claimant++) {
      const contactId = random.chance(0.4) ? random.pick(contactIds) : `k-${++next}`;
      const streamId = `${CONTACT_REGISTER.prefix}${contactId}`;
      const saved = (value: string): Entry => ({
        streamId,
        type: CONTACT_REGISTER.saved,
        data: { id: contactId, value: { email: value } },
      });
      const stream = [saved(random.chance(0.3) ? email.toUpperCase() : email)];
      const roll = random.next();
      if (roll < 0.2) stream.push({ streamId, type: CONTACT_REGISTER.deleted, data: { id: contactId } });
      else if (roll < 0.3) stream.push(saved(random.pick(emails)));
      streams.push(stream);
    }
  }
  return streams;
}

/** Interleaves the streams at random (each stream keeps its order) into one log. */
function interleave(random: SeededRandom, streams: Entry[][]): RecordedEvent[] {
  const queues = streams.map((stream) => [...stream]);
  const revisions = new Map<string, number>();
  const log: RecordedEvent[] = [];
  while (queues.some((queue) => queue.length > 0)) {
    const entry = random.pick(queues.filter((queue) => queue.length > 0)).shift()!;
    const revision = (revisions.get(entry.streamId) ?? -1) + 1;
    revisions.set(entry.streamId, revision);
    log.push({
      id: `e-${log.length + 1}`,
      streamId: entry.streamId,
      revision,
      position: log.length + 1,
      type: entry.type,
      data: entry.data,
      metadata: {},
      createdAt: new Date(NOW).toISOString(),
    });
  }
  return log;
}

async function applyRandomBatches(store: SqliteReadModels | MongoReadModels, log: RecordedEvent[], random: SeededRandom): Promise<void> {
  for (let start = 0; start < log.length;) {
    const batch = log.slice(start, start + random.int(1, 60));
    await store.applyBatch(batch, batch[batch.length - 1]!.position);
    start += batch.length;
  }
}

const opened: Array<SqliteReadModels | MongoReadModels> = [];
const dropAfter: MongoReadModels[] = [];
afterEach(async () => {
  for (const store of dropAfter.splice(0)) await store.db.dropDatabase();
  for (const store of opened.splice(0)) await store.close();
});

async function parityRun(seed: number, openMongo: () => Promise<MongoReadModels>): Promise<void> {
  const random = new SeededRandom(seed);
  const histories = Array.from({ length: ORDERS_PER_RUN }, (_, index) => randomOrderHistory(random, `o-${index + 1}`, NOW));
  const emails = [
    ...new Set(
      histories.flatMap((history) =>
        history.events.flatMap((event) => {
          const order = (event.data as { order?: Order }).order;
          return order?.contact.matchKeyType === 'Email' ? [order.contact.matchKey] : [];
        }),
      ),
    ),
  ];
  const orderStreams = histories.map((history) =>
    history.events.map((event): Entry => ({ streamId: `order-${history.orderId}`, type: event.type, data: event.data as never })),
  );
  const log = interleave(random, [...orderStreams, ...registerStreams(random, emails)]);

  const sqlite = SqliteReadModels.open(':memory:');
  const mongo = await openMongo();
  opened.push(sqlite, mongo);
  await applyRandomBatches(sqlite, log, random);
  await applyRandomBatches(mongo, log, random);

  let linkedByKey = 0;
  for (const history of histories) {
    const [a, b] = [await sqlite.getOrder(history.orderId), await mongo.getOrder(history.orderId)];
    expect(b, `seed ${seed}, order ${history.orderId}`).toEqual(a);
    if (a?.order.contact.matchKeyType === 'Email' && a.contactId !== null) linkedByKey++;
  }
  // the log must link some orders through the register, or the linking comparison proves little
  expect(linkedByKey).toBeGreaterThan(0);

  const sqlQueries = new SqliteSegmentQueries(sqlite.db);
  const mongoQueries = new MongoSegmentQueries(mongo.db);
  let nonEmpty = 0;
  for (const { segment, page, context } of randomSegmentCases(random, seed, FILTERS_PER_RUN, NOW)) {
    const expected = sqlQueries.querySync(segment, page);
    if (expected.orderCount > 0) nonEmpty++;
    expect(await mongoQueries.query(segment, page), context).toEqual(expected);
  }
  // the generators must produce filters that select something, or the comparison proves little
  expect(nonEmpty).toBeGreaterThan(FILTERS_PER_RUN / 5);
}

const title = (seed: number) =>
  `the same links, warnings and answers to ${FILTERS_PER_RUN} random segments over ${ORDERS_PER_RUN} random orders (seed ${seed})`;

describe('read-side parity: SqliteReadModels vs MongoReadModels (in-memory fake)', () => {
  for (let run = 0; run < RUNS; run++) {
    const seed = baseSeed + run;
    it(title(seed), () => parityRun(seed, () => MongoReadModels.open(new FakeMongoDb().asDb())));
  }
});

const url = process.env.MONGODB_URL?.trim();
if (!url)
  console.info(
    '[skipped] read-side parity: mongodb (MONGODB_URL) — MONGODB_URL is not set (run `npm run test:distributed` against a server)',
  );

describe.skipIf(!url)('read-side parity: SqliteReadModels vs MongoReadModels (MONGODB_URL)', () => {
  it(title(baseSeed), () =>
    parityRun(baseSeed, async () => {
      const store = await MongoReadModels.connect(url ?? '', { dbName: `orders-parity-${randomUUID().slice(0, 8)}` });
      dropAfter.push(store);
      return store;
    }),
  );
});
