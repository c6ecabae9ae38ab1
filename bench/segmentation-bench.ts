/**
 * Segmentation benchmark (not a test): loads N orders (~5 lines each) straight into the embedded read
 * store — the real segmentation part's `apply` for seg_orders/seg_lines, bulk SQL for the order_view
 * rows it joins (contact) and the article register — then times segment queries through the same
 * SqliteSegmentQueries the service uses.
 *
 * Run it (bundled like the rest of bench/, with the @orders/* aliases):
 *   npx esbuild bench/segmentation-bench.ts --bundle --platform=node --packages=external \
 *     --tsconfig=tsconfig.json --outfile=dist-bench/segmentation-bench.js
 *   node dist-bench/segmentation-bench.js --orders=100000      # quick
 *   node dist-bench/segmentation-bench.js --orders=1000000     # full
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order, PaymentMethod } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { SqliteReadModels } from '@orders/read-models';
import { segmentationPart } from '@orders/read-models/sqlite/segmentation.part';
import { SqliteSegmentQueries } from '@orders/read-models/sqlite/segmentation-queries';
import { parseSegment, type Segment } from '@orders/segmentation';
import { SeededRandom } from '@orders/segmentation/testing/seeded-random';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const SKUS = 5000;
const BRANDS = 40;
const CATEGORIES = ['Shirts', 'Jeans', 'Shoes', 'Dresses', 'Jackets', 'Accessories', 'Underwear', 'Sport', 'Kids', 'Home'];
const PAYMENTS: PaymentMethod[] = ['Card', 'Invoice', 'Swish', 'Klarna', 'GiftCard', 'Cash'];
const BATCH = 2000;

const sku = (n: number): string => `SKU-${String(n).padStart(5, '0')}`;

/** Skewed pick in [0, n): popular items first (roughly Zipf-like). */
const skewed = (random: SeededRandom, n: number): number => Math.min(n - 1, Math.floor(n * random.next() ** 2.5));

function makeOrder(random: SeededRandom, index: number, contacts: number): Order {
  const lines = Array.from({ length: random.int(1, 9) }, () => {
    const isReturn = random.chance(0.08);
    return {
      type: isReturn ? ('Return' as const) : ('Purchase' as const),
      quantity: random.int(1, 4),
      article: { sku: sku(skewed(random, SKUS)) },
      totalPrice: random.int(50, 3000) / 4,
      ...(isReturn ? { returnDetails: { type: random.pick(['Normal', 'Complaint', 'Change'] as const) } } : {}),
    };
  });
  const order: Order = {
    orderId: `bench-${index}`,
    contact: random.chance(0.95) ? { matchKey: `contact-${skewed(random, contacts)}`, matchKeyType: 'ContactId' } : { matchKey: `anon-${index}@example.com`, matchKeyType: 'Email' },
    status: random.chance(0.6) ? 'Completed' : random.chance(0.75) ? 'InProgress' : 'Cancelled',
    type: lines.some((line) => line.type === 'Purchase') ? 'Purchase' : 'Return',
    currencyCode: 'SEK',
    totalPrice: lines.reduce((sum, line) => sum + line.totalPrice, 0),
    createdAt: new Date(NOW - random.int(0, 3 * 365) * DAY - random.int(0, DAY)).toISOString(),
    lineItems: { items: lines },
    channel: random.pick(['Webshop', 'POS', 'App']),
    payments: { items: [{ method: random.pick(PAYMENTS), amount: 1 }] },
  };
  if (random.chance(0.3)) order.externalStatus = random.pick(['Shipped', 'Delivered', 'Picking']);
  return order;
}

function load(store: SqliteReadModels, orders: number, random: SeededRandom): void {
  const db = store.db;
  const articles = db.prepare('INSERT OR REPLACE INTO article_register (sku, name, attributes) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let n = 0; n < SKUS; n++) {
      const attributes = { brand: `Brand-${skewed(random, BRANDS)}`, category: random.pick(CATEGORIES), size: random.int(28, 46), eco: random.chance(0.2) };
      articles.run(sku(n), `Article ${n}`, JSON.stringify(attributes));
    }
  })();
  const view = db.prepare(
    `INSERT OR REPLACE INTO order_view (order_id, contact_id, created_at_ms, deleted, revision, doc, match_key_type, match_key) VALUES (?, ?, ?, 0, 0, '{}', ?, ?)`,
  );
  const part = segmentationPart.bind(db, (table) => table);
  const contacts = Math.max(1, Math.floor(orders / 4));
  for (let start = 0; start < orders; start += BATCH) {
    const events: RecordedEvent[] = [];
    db.transaction(() => {
      for (let index = start; index < Math.min(orders, start + BATCH); index++) {
        const order = makeOrder(random, index, contacts);
        const contactId = order.contact.matchKeyType === 'ContactId' ? order.contact.matchKey : null;
        view.run(order.orderId, contactId, Date.parse(order.createdAt), order.contact.matchKeyType, order.contact.matchKey);
        events.push({
          id: `e-${index}`,
          streamId: `order-${order.orderId}`,
          revision: 0,
          position: index + 1,
          type: 'OrderRegistered',
          data: { order } as unknown as RecordedEvent['data'],
          metadata: {} as RecordedEvent['metadata'],
          createdAt: new Date(NOW).toISOString(),
        });
      }
      part.apply(events);
    })();
  }
  db.exec('ANALYZE');
}

function segment(body: { filter: unknown; having?: unknown }): Segment {
  const parsed = parseSegment(body);
  if (!parsed.ok) throw new Error(`bench filter rejected: ${JSON.stringify(parsed.errors)}`);
  return parsed.segment;
}

const QUERIES: Record<string, Segment> = {
  typical: segment({
    filter: {
      all: [
        { field: 'status', op: 'eq', value: 'Completed' },
        { field: 'createdAt', op: 'between', value: ['2026-05-01T00:00:00Z', '2026-08-31T23:59:59Z'] },
        { line: { field: 'sku', op: 'in', value: Array.from({ length: 20 }, (_, n) => sku(40 + n * 7)) } },
        { field: 'totalPrice', op: 'gt', value: 800 },
      ],
    },
  }),
  articleLine: segment({
    filter: {
      all: [
        { field: 'createdAt', op: 'within', value: 'P90D' },
        { line: { all: [{ field: 'article.brand', op: 'eq', value: 'Brand-7' }, { field: 'article.category', op: 'in', value: ['Shoes', 'Jeans'] }, { field: 'type', op: 'eq', value: 'Purchase' }] } },
      ],
    },
  }),
  having: segment({
    filter: { all: [{ field: 'status', op: 'eq', value: 'Completed' }, { field: 'createdAt', op: 'within', value: 'P1Y' }] },
    having: { orderCount: { op: 'gte', value: 3 }, totalPrice: { op: 'gt', value: 3000 } },
  }),
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (value: number): number => Math.round(value * 10) / 10;

/** Loads `orders` orders into a fresh read store and measures the three queries; figures in ms and MB. */
export async function runSegmentationBench(opts: { orders: number; runs?: number; seed?: number; log?: (line: string) => void }): Promise<Record<string, number>> {
  const log = opts.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'seg-bench-'));
  const store = SqliteReadModels.open(join(dir, 'read-models.sqlite'));
  try {
    const random = new SeededRandom(opts.seed ?? 20261123);
    const loadStarted = performance.now();
    load(store, opts.orders, random);
    const results: Record<string, number> = { orders: opts.orders, loadSeconds: round((performance.now() - loadStarted) / 1000) };
    log(`loaded ${opts.orders} orders in ${results.loadSeconds} s`);
    const queries = new SqliteSegmentQueries(store.db);
    const runs = opts.runs ?? 15;
    const measure = (prefix: string): void => {
      for (const [plainName, query] of Object.entries(QUERIES)) {
        const name = `${prefix}${plainName}`;
        const times: number[] = [];
        let answer = queries.querySync(query, { offset: 0, count: 10, now: NOW });
        for (let run = 0; run < runs; run++) {
          const started = performance.now();
          answer = queries.querySync(query, { offset: 0, count: 10, now: NOW });
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        results[`${name}.medianMs`] = round(percentile(times, 50));
        results[`${name}.p95Ms`] = round(percentile(times, 95));
        results[`${name}.orderCount`] = answer.orderCount;
        results[`${name}.contactCount`] = answer.contactCount;
        log(`${name}: median ${results[`${name}.medianMs`]} ms, p95 ${results[`${name}.p95Ms`]} ms (${answer.orderCount} orders, ${answer.contactCount} contacts)`);
      }
      results[`${prefix}peakRssMb`] = round(process.resourceUsage().maxRSS / 1024);
    };
    // with the store's own settings (SQLite's default 2 MiB page cache), then with a 64 MiB page cache
    measure('');
    store.db.pragma('cache_size = -65536');
    measure('cache64.');
    return results;
  } finally {
    await store.close();
    // SEGMENT_BENCH_KEEP=1 keeps the loaded file for EXPLAIN QUERY PLAN sessions
    if (process.env.SEGMENT_BENCH_KEEP) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const arg = process.argv.find((a) => a.startsWith('--orders='));
  const orders = arg ? Number(arg.slice('--orders='.length)) : 100_000;
  if (!Number.isSafeInteger(orders) || orders < 1) throw new Error('--orders=N must be a positive integer');
  const log = (line: string): void => void process.stdout.write(`[segmentation-bench] ${line}\n`);
  runSegmentationBench({ orders, log }).then(
    (results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
      process.exitCode = 1;
    },
  );
}
