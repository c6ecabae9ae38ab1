/**
 * Segmentation benchmark (not a test): loads N orders (~5 lines each) straight into the embedded read
 * store — the real segmentation part's `apply` for seg_orders/seg_lines (handed the folded orders the
 * order-view part would pass it), bulk SQL for the order_view rows and the article register — then
 * times segment queries through the same SqliteSegmentQueries the service uses.
 *
 * Run it (bundled by bench/build.mjs like the rest of bench/):
 *   npm run bench:segmentation                          # 100 000 orders, quick
 *   npm run bench:segmentation -- --orders=1000000      # the full figure (~5 min)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order, PaymentMethod } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { type FoldedOrder, type OrderViewRecord, SqliteReadModels, SqliteSegmentQueries } from '@orders/read-models';
import { segmentationPart } from '@orders/read-models/sqlite/parts/segmentation.part';
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
    contact: random.chance(0.95)
      ? { matchKey: `contact-${skewed(random, contacts)}`, matchKeyType: 'ContactId' }
      : { matchKey: `anon-${index}@example.com`, matchKeyType: 'Email' },
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
      const attributes = {
        brand: `Brand-${skewed(random, BRANDS)}`,
        category: random.pick(CATEGORIES),
        size: random.int(28, 46),
        eco: random.chance(0.2),
      };
      articles.run(sku(n), `Article ${n}`, JSON.stringify(attributes));
    }
  })();
  const view = db.prepare(
    `INSERT INTO order_view (order_id, contact_id, created_at_ms, deleted, revision, doc, match_key_type, match_key) VALUES (?, ?, ?, 0, 0, '{}', ?, ?)`,
  );
  const part = segmentationPart.bind(db, (table) => table);
  const contacts = Math.max(1, Math.floor(orders / 4));
  for (let start = 0; start < orders; start += BATCH) {
    const events: RecordedEvent[] = [];
    const folded = new Map<string, FoldedOrder>();
    db.transaction(() => {
      for (let index = start; index < Math.min(orders, start + BATCH); index++) {
        const order = makeOrder(random, index, contacts);
        const contactId = order.contact.matchKeyType === 'ContactId' ? order.contact.matchKey : null;
        const { lastInsertRowid: seq } = view.run(
          order.orderId,
          contactId,
          Date.parse(order.createdAt),
          order.contact.matchKeyType,
          order.contact.matchKey,
        );
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
        // what the order-view part hands the segmentation part for a registration
        folded.set(order.orderId, {
          seq: Number(seq),
          record: { orderId: order.orderId, order, contactId, revision: 0, deleted: false } as OrderViewRecord,
          contentChanged: true,
          fieldsChanged: true,
        });
      }
      part.apply(events, { orders: folded });
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
        {
          line: {
            all: [
              { field: 'article.brand', op: 'eq', value: 'Brand-7' },
              { field: 'article.category', op: 'in', value: ['Shoes', 'Jeans'] },
              { field: 'type', op: 'eq', value: 'Purchase' },
            ],
          },
        },
      ],
    },
  }),
  having: segment({
    filter: {
      all: [
        { field: 'status', op: 'eq', value: 'Completed' },
        { field: 'createdAt', op: 'within', value: 'P1Y' },
      ],
    },
    having: { orderCount: { op: 'gte', value: 3 }, totalPrice: { op: 'gt', value: 3000 } },
  }),
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (value: number): number => Math.round(value * 10) / 10;

/** Loads `orders` orders into a fresh read store and measures the three queries; figures in ms and MB. */
export async function runSegmentationBench(opts: {
  orders: number;
  runs?: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<Record<string, number>> {
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
    // baseline in the same run: one pass over every order row (what a query without any index would cost)
    const fullScan = store.db.prepare('SELECT COUNT(*) AS n, SUM(total_price) AS total FROM seg_orders WHERE deleted = 0');
    const medianOf = (run: () => unknown): number => {
      run();
      const times = Array.from({ length: runs }, () => {
        const started = performance.now();
        run();
        return performance.now() - started;
      }).sort((a, b) => a - b);
      return percentile(times, 50);
    };
    const baseline = medianOf(() => fullScan.get());
    results['baseline.fullScanMedianMs'] = round(baseline);
    log(`baseline: full scan of seg_orders, median ${round(baseline)} ms`);
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
        results[`${name}.ratioToFullScan`] = Math.round((percentile(times, 50) / baseline) * 1000) / 1000;
        results[`${name}.orderCount`] = answer.orderCount;
        results[`${name}.contactCount`] = answer.contactCount;
        log(
          `${name}: median ${results[`${name}.medianMs`]} ms (${results[`${name}.ratioToFullScan`]} × full scan), p95 ${results[`${name}.p95Ms`]} ms (${answer.orderCount} orders, ${answer.contactCount} contacts)`,
        );
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
  if (process.argv.includes('--help')) {
    process.stdout.write(
      "usage: npm run bench:segmentation -- [--orders=N]   (default 100000; the issue's figure: --orders=1000000, ~5 min)\n" +
        '  loads N orders into a fresh embedded read store, times the typical, article-line and having queries\n' +
        '  (median, p95, ratio to a full scan of seg_orders in the same run) and prints peak RSS.\n' +
        '  SEGMENT_BENCH_KEEP=1 keeps the loaded file.\n',
    );
    process.exit(0);
  }
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
