/**
 * Long-history benchmark (not a test; issue 18 point 4): what a write and a history read cost on an
 * order with a long stream compared with a fresh one. Registers a 1000-line order, times PUT (replace),
 * change-status, one history page (`count=1`, the newest event: the page that needs the most state
 * before it) and `?at=` (now) on the fresh order, then makes N changes (replaces and status changes
 * alternating) and times the same again. Reports medians and the ratio (target ≤ 2×).
 *
 *   npm run bench:long-history                      # 500 changes, 7 samples per figure
 *   npm run bench:long-history -- --changes=200 --samples=5 --no-build
 */
import { rmSync } from 'node:fs';
import { httpClient } from './support/http-client';
import { newTempDir, prepareServiceBinary, startOrdersService } from './support/service';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const CHANGES = arg('changes', 500);
const SAMPLES = arg('samples', 7);
const LINES = arg('lines', 1000);
const build = !process.argv.includes('--no-build');

const log = (message: string): void => void process.stdout.write(`[long-history] ${message}\n`);

function order(orderId: string, externalStatus: string) {
  const items = Array.from({ length: LINES }, (_, i) => ({
    id: `line-${i}`,
    type: 'Purchase',
    quantity: 1 + (i % 3),
    article: { sku: `SKU-${String(i).padStart(5, '0')}`, name: `Article ${i}` },
    totalPrice: 10,
  }));
  return {
    orderId,
    contact: { matchKey: 'bench-contact', matchKeyType: 'ContactId' },
    status: 'InProgress',
    externalStatus,
    currencyCode: 'SEK',
    totalPrice: 10 * LINES,
    createdAt: '2026-11-20T10:15:30+01:00',
    lineItems: { items },
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number): number => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const binary = prepareServiceBinary(build);
  const dataDir = newTempDir('long-history');
  const service = await startOrdersService(binary, dataDir);
  const http = httpClient(service.url);
  const orderId = 'long-history-1';
  let change = 0;
  const expect = async (what: string, answer: Promise<{ status: number; body: string }>, status: number): Promise<void> => {
    const { status: got, body } = await answer;
    if (got !== status) throw new Error(`${what}: ${got} ${body.slice(0, 300)}`);
  };
  const put = () => expect('PUT', http.call('PUT', `/api/v3/orders/${orderId}`, JSON.stringify(order(orderId, `v${++change}`))), 202);
  const status = () =>
    expect(
      'change-status',
      http.call('POST', `/api/v3/orders/${orderId}/change-status`, JSON.stringify({ externalStatus: `s${++change}` })),
      202,
    );
  let events = 1;
  const historyPage = () => expect('history', http.call('GET', `/api/v3/orders/${orderId}/history?offset=${events - 1}&count=1`), 200);
  const at = () => expect('?at=', http.call('GET', `/api/v3/orders/${orderId}?at=${encodeURIComponent(new Date().toISOString())}`), 200);
  const probes = { put, changeStatus: status, historyPage, at } as const;

  /** the projector caught up, so that its catching up does not compete with the probes */
  async function settled(): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const { body } = await http.call('GET', '/api/v3/admin/projections');
      if ((JSON.parse(body) as { items: { lag: number }[] }).items.every((p) => p.lag === 0)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function measure(): Promise<Record<keyof typeof probes, number>> {
    const result = {} as Record<keyof typeof probes, number>;
    for (const [name, probe] of Object.entries(probes) as [keyof typeof probes, () => Promise<void>][]) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        await settled();
        const started = performance.now();
        await probe();
        times.push(performance.now() - started);
        if (name === 'put' || name === 'changeStatus') events++;
      }
      result[name] = round(median(times));
    }
    return result;
  }

  try {
    await expect('register', http.call('POST', '/api/v3/orders', JSON.stringify(order(orderId, 'v0'))), 202);
    await measure(); // warm-up (JIT, caches); its changes count towards the stream
    const fresh = await measure();
    log(`fresh order (${events} events): ${JSON.stringify(fresh)} ms`);
    const startedChanges = performance.now();
    for (let i = 0; i < CHANGES; i++) {
      await (i % 2 === 0 ? put() : status());
      events++;
    }
    log(`${CHANGES} changes in ${Math.round(performance.now() - startedChanges)} ms`);
    const long = await measure();
    log(`after ${CHANGES} changes (${events} events): ${JSON.stringify(long)} ms`);
    const ratios = Object.fromEntries(Object.keys(fresh).map((k) => [k, round(long[k as 'put'] / fresh[k as 'put'])]));
    log(`ratio long / fresh: ${JSON.stringify(ratios)} (target ≤ 2)`);
  } finally {
    http.close();
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
