import { Agent, request } from 'node:http';
import { fillTemplate, type OrderTemplate } from '@orders/demo-data';
import type { HttpChild } from '../support/child-process';
import { cpuTimeMs } from '../support/cpu-time';
import { httpClient } from '../support/http-client';
import { BENCH_API_KEY } from '../support/load';
import { readRss } from '../support/rss-sampler';
import { newTempDir, startOrdersService } from '../support/service';
import { round, sleep } from '../support/stats';
import { rmSync } from 'node:fs';

/** valid registrations before the bad body (JIT, caches) */
const WARM_UP = 100;

/** Just under the 1 MiB body limit, so that every variant is read and validated, not refused as 413. */
const BODY_BYTES = 1024 * 1024 - 64;

export interface BadInputVariant {
  name: string;
  bodyBytes: number;
  status: number;
  /** service CPU (all threads) spent while the request was under way, ms */
  cpuMs: number | null;
  /** peak RSS while it was under way minus RSS before, MB (sampled every 5 ms) */
  rssDeltaMb: number | null;
  answerBytes: number;
  wallMs: number;
  /** GET /health/live sent 20 ms after the bad body: its latency (how long the service was deaf) */
  healthLiveMs: number;
}

export interface BadInputResult {
  variants: BadInputVariant[];
  /** the variant with the most CPU */
  worst: BadInputVariant;
}

const MARK = '"__fill__"';

/** `order` with MARK replaced by an array of `{}`, as many as fit just under BODY_BYTES. */
function filled(name: string, order: object): { name: string; body: string } {
  const shell = JSON.stringify(order);
  const count = Math.floor((BODY_BYTES - shell.length) / 3);
  return { name, body: shell.replace(MARK, `[${Array.from({ length: count }, () => '{}').join(',')}]`) };
}

/** The hostile bodies of issue 15 point 4, each about 1 MiB of syntactically valid, semantically invalid JSON. */
function variants(template: OrderTemplate): { name: string; body: string }[] {
  const order = () => JSON.parse(fillTemplate(template, 'bad-input')) as Record<string, unknown>;
  const lines = order();
  lines.lineItems = { items: '__fill__' };
  const payments = order();
  payments.payments = { items: '__fill__' };
  const taxes = order();
  const taxedLines = (taxes.lineItems as { items: object[] }).items;
  taxedLines[0] = { ...taxedLines[0], taxes: { items: '__fill__' } };
  const unknown = order();
  for (let i = 0, size = JSON.stringify(unknown).length; size < BODY_BYTES - 20; i++) {
    unknown[`k${i}`] = 0;
    size += `"k${i}":0,`.length;
  }
  return [
    filled('lineItems.items: empty lines', lines),
    filled('payments.items: empty payments', payments),
    filled("a line's taxes.items: empty taxes", taxes),
    { name: 'unknown keys at the top level', body: JSON.stringify(unknown) },
  ];
}

function post(url: string, body: string): Promise<{ status: number; bytes: number }> {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: false });
  return new Promise((resolve, reject) => {
    const headers = { apikey: BENCH_API_KEY, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path: '/api/v3/orders', headers, timeout: 120_000 },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    // no answer within 120 s: reported as status 0 (the service is still at it; the next variant gets a fresh one)
    req.on('timeout', () => (resolve({ status: 0, bytes: 0 }), req.destroy()));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Bad input: each hostile ~1 MiB body once, each on a fresh service of its own (so that neither the load
 * phases' peak nor another variant's heap growth hides its memory), after a warm-up of valid registrations. Measures the service's CPU and RSS
 * growth for the request, the answer's size and how long /health/live waited meanwhile.
 */
export async function measureBadInput(binary: string, templates: readonly OrderTemplate[]): Promise<BadInputResult> {
  const results: BadInputVariant[] = [];
  for (const variant of variants(templates[0]!)) results.push(await measureOne(binary, templates, variant));
  const worst = results.reduce((a, b) => ((b.cpuMs ?? b.wallMs) > (a.cpuMs ?? a.wallMs) ? b : a));
  return { variants: results, worst };
}

async function measureOne(
  binary: string,
  templates: readonly OrderTemplate[],
  variant: { name: string; body: string },
): Promise<BadInputVariant> {
  const dataDir = newTempDir('bad-input');
  let service: HttpChild | undefined;
  try {
    service = await startOrdersService(binary, dataDir);
    const client = httpClient(service.url);
    for (let i = 0; i < WARM_UP; i++)
      await client.call('POST', '/api/v3/orders', fillTemplate(templates[i % templates.length]!, `warm-${i}`));
    await sleep(200);
    const pid = service.pid;
    const rssBefore = readRss(pid)?.rssMb ?? null;
    let rssPeak = rssBefore ?? 0;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, readRss(pid)?.rssMb ?? 0)), 5);
    const cpuBefore = cpuTimeMs(pid);
    const started = performance.now();
    const health = sleep(20).then(async () => {
      const sent = performance.now();
      await client.call('GET', '/health/live').catch(() => undefined);
      return performance.now() - sent;
    });
    const answer = await post(service.url, variant.body);
    const wallMs = performance.now() - started;
    const healthLiveMs = await health;
    const cpuAfter = cpuTimeMs(pid);
    clearInterval(sampler);
    client.close();
    return {
      name: variant.name,
      bodyBytes: Buffer.byteLength(variant.body),
      status: answer.status,
      cpuMs: cpuBefore === null || cpuAfter === null ? null : round(cpuAfter - cpuBefore, 0),
      rssDeltaMb: rssBefore === null ? null : round(rssPeak - rssBefore, 1),
      answerBytes: answer.bytes,
      wallMs: round(wallMs, 1),
      healthLiveMs: round(healthLiveMs, 1),
    };
  } finally {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
