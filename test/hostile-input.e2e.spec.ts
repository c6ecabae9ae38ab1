import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client } from './support/http';
import { fullOrder, newOrderId } from './support/orders';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

let service: ServiceHandle;
let api: Client;

beforeAll(async () => {
  service = await startService();
  api = client(service.url);
});

afterAll(async () => {
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
});

/** Small deterministic PRNG so that a failure can be replayed from its seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_VALUES: unknown[] = [
  null, true, false, 0, -1, -0.0001, 1e308, 'NaN', 'Infinity', '', ' ', 'x'.repeat(5000), '\u0000', '🙂'.repeat(30),
  '\ud800', [], [null], {}, { $gt: '' }, { __proto__: null }, 'constructor', '1e309', '2026-02-30T00:00:00Z', '2026-01-01',
];

/** Every JSON path (as key arrays) of an object, to aim mutations at. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(child, path, out);
    }
  }
  return out;
}

function mutate(order: Record<string, unknown>, random: () => number): { body: unknown; orderId: string | null } {
  const copy = structuredClone(order) as Record<string, unknown>;
  const all = paths(copy);
  const mutations = 1 + Math.floor(random() * 3);
  for (let m = 0; m < mutations; m++) {
    const path = all[Math.floor(random() * all.length)]!;
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1]!;
    const choice = random();
    if (choice < 0.15) delete parent[last];
    else if (choice < 0.25) parent[['__proto__', 'constructor', 'prototype', '$where', 'unknownField'][Math.floor(random() * 5)]!] = { x: 1 };
    else parent[last] = HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)];
  }
  return { body: copy, orderId: typeof copy.orderId === 'string' && copy.orderId === order.orderId ? copy.orderId : null };
}

const RAW_BODIES = ['{', '[]', 'null', '"order"', '123', '{"orderId": 1}', '{"a":' + '{"a":'.repeat(100) + '1' + '}'.repeat(101), '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'];

describe('hostile and malformed input', () => {
  it('hundreds of mutated orders, raw bodies, paths and query strings: never a 5xx, nothing invalid written', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);
    const random = prng(seed);
    const statuses = new Map<number, number>();
    const rejected: string[] = [];
    let tried = 0;
    const record = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    for (let i = 0; i < 400; i++) {
      const { body, orderId } = mutate(fullOrder(newOrderId('fuzz')), random);
      const answer = await api.post('/api/v3/orders', body);
      tried++;
      record(answer.status);
      expect(answer.status, `seed ${seed}, body ${JSON.stringify(body).slice(0, 500)}`).toBeLessThan(500);
      if (answer.status !== 202 && orderId) rejected.push(orderId);
    }
    for (const raw of RAW_BODIES) {
      const answer = await api.post('/api/v3/orders', raw);
      tried++;
      record(answer.status);
      expect(answer.status, raw.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    const weirdPaths = ['/api/v3/orders/%', '/api/v3/orders/%00', '/api/v3/orders/..%2F..%2Fetc', '/api/v3/orders?contactId=a&count=abc', '/api/v3/orders?contactId[]=a', '/api/v3/orders?contactId=a&offset=1e309', '/api/v3/orders/jobs/%ff%fe', `/api/v3/orders/jobs/${'A'.repeat(5000)}`];
    for (const path of weirdPaths) {
      const answer = await api.get(path);
      tried++;
      record(answer.status);
      expect(answer.status, path).toBeLessThan(500);
    }
    for (const orderId of rejected.slice(0, 100)) {
      expect((await api.get(`/api/v3/orders/${encodeURIComponent(orderId)}`)).status, orderId).toBe(404);
    }
    expect((await api.get('/api/v3/orders?contactId=c-full')).status).toBe(200);
    console.log(`fuzz seed ${seed}: ${tried} inputs, answers ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
