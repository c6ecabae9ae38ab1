import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_API_KEY } from './support/http';
import { minimalOrder } from './support/orders';
import { useService } from './support/service-process';

/*
 * Issue 15 point 4: bad input costs little. Bodies of up to 1 MiB built to be expensive — 250,000 empty
 * elements in an array of at most 1,000 (or 100), 60,000 unknown keys, 1,000 lines that each fail three
 * times, deep nesting — get a small 400 with a stable code: an array over its maxItems is refused before
 * its elements are looked at, an object with over 1,000 keys is MALFORMED_JSON, and at most 100 failing
 * paths are listed (`errorsTruncated: true`). No timing is asserted (scripts/measure-bad-input.mjs measures
 * CPU and memory); /health/live answers while such bodies are being processed.
 */
const ctx = useService();

const MiB = 1024 * 1024;
const empties = (count: number): string => Array.from({ length: count }, () => '{}').join(',');
const keys = (count: number): string => Array.from({ length: count }, (_, i) => `"k${i}":0`).join(',');
/** minimalOrder as JSON text with `field` set to raw JSON text `json` */
const orderWith = (field: string, json: string): string =>
  JSON.stringify(minimalOrder('size-1', 'c-size')).replace(/}$/, `,"${field}":${json}}`);
const line = '{"quantity":1,"article":{"sku":"S"},"totalPrice":1';

/** `path`: the array named (in `errors` for VALIDATION_FAILED, in `detail` for MALFORMED_JSON) */
const WORST: Array<{ name: string; text: string; code: string; path?: string; truncated?: boolean }> = [
  {
    name: '250,000 empty line items',
    text: orderWith('lineItems', `{"items":[${empties(250_000)}]}`),
    code: 'MALFORMED_JSON',
    path: 'lineItems.items',
  },
  {
    name: '250,000 empty payments',
    text: orderWith('payments', `{"items":[${empties(250_000)}]}`),
    code: 'MALFORMED_JSON',
    path: 'payments.items',
  },
  {
    name: "250,000 empty taxes in a line's taxes.items",
    text: orderWith('lineItems', `{"items":[${line},"taxes":{"items":[${empties(250_000)}]}}]}`),
    code: 'MALFORMED_JSON',
    path: 'lineItems.items[0].taxes.items',
  },
  {
    name: '10,000 empty line items (within the parser limit)',
    text: orderWith('lineItems', `{"items":[${empties(10_000)}]}`),
    code: 'VALIDATION_FAILED',
    path: 'lineItems.items',
  },
  {
    name: "10,000 empty taxes in a line's taxes.items",
    text: orderWith('lineItems', `{"items":[${line},"taxes":{"items":[${empties(10_000)}]}}]}`),
    code: 'VALIDATION_FAILED',
    path: 'lineItems.items[0].taxes.items',
  },
  { name: '60,000 unknown keys', text: `{${keys(60_000)}}`, code: 'MALFORMED_JSON', path: '$' },
  {
    name: '60,000 keys in orderAction.data',
    text: orderWith('orderAction', `{"action":"ConfirmOrder","data":{${keys(60_000)}}}`),
    code: 'MALFORMED_JSON',
    path: 'orderAction.data',
  },
  {
    name: '1,000 unknown keys in each of 60 payments',
    text: orderWith('payments', `{"items":[${Array.from({ length: 60 }, () => `{${keys(1000)}}`).join(',')}]}`),
    code: 'VALIDATION_FAILED',
    truncated: true,
  },
  {
    name: '1,000 empty lines (3,000 failures)',
    text: orderWith('lineItems', `{"items":[${empties(1000)}]}`),
    code: 'VALIDATION_FAILED',
    truncated: true,
  },
  { name: '200,000 levels of nesting', text: '['.repeat(200_000) + ']'.repeat(200_000), code: 'MALFORMED_JSON' },
];

async function post(text: string): Promise<{ status: number; bytes: number; body: any }> {
  const response = await fetch(`${ctx.service.url}/api/v3/orders`, {
    method: 'POST',
    headers: { apikey: TEST_ADMIN_API_KEY, 'content-type': 'application/json' },
    body: text,
  });
  const answer = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes: answer.length, body: JSON.parse(answer.toString('utf8')) };
}

describe('hostile body sizes: a small 400 with a stable code', () => {
  it.each(WORST)('$name', async ({ text, code, path, truncated }) => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MiB);

    const answer = await post(text);

    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(400);
    expect(answer.body.code).toBe(code);
    expect(answer.bytes).toBeLessThan(64 * 1024);
    if (code === 'VALIDATION_FAILED') expect(Object.keys(answer.body.errors).length).toBeLessThanOrEqual(100);
    if (path && code === 'VALIDATION_FAILED') {
      expect(answer.body.errors).toStrictEqual({ [path]: [expect.stringMatching(/must contain no more than (1000|100) elements/)] });
    }
    if (path && code === 'MALFORMED_JSON') expect(answer.body.detail).toContain(` at ${path} has more than`);
    if (truncated) expect(answer.body).toMatchObject({ errorsTruncated: true });
    else expect(answer.body.errorsTruncated).toBeUndefined();
  });

  it('/health/live answers while bad bodies are being processed, and the service still takes orders', async () => {
    const bad = Promise.all(WORST.flatMap(({ text }) => [post(text), post(text)]));
    const health = await fetch(`${ctx.service.url}/health/live`);
    expect(health.status).toBe(200);
    for (const answer of await bad) expect(answer.status).toBe(400);

    expect((await ctx.api.post('/api/v3/orders', minimalOrder('size-after', 'c-size'))).status).toBe(202);
  });
});
