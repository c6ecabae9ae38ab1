import { SeededRandom } from '@orders/segmentation/testing/seeded-random';

/** Generators of hostile HTTP inputs for the fuzz suite; all driven by one seeded PRNG. */
export type Random = () => number;

/** Small deterministic PRNG (mulberry32) so that a failure can be replayed from its seed. */
export function prng(seed: number): Random {
  const random = new SeededRandom(seed);
  return () => random.next();
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A string of `length` characters a header value may carry (visible ASCII, tab, space, latin-1). */
export function headerText(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    text +=
      r < 0.8
        ? String.fromCharCode(0x21 + Math.floor(random() * 94))
        : r < 0.9
          ? ' '
          : String.fromCharCode(0xa0 + Math.floor(random() * 96));
  }
  return text.trim() || 'x';
}

const lengths = [0, 1, 15, 16, 40, 255, 256, 1000, 7000];

/** Hostile values for the API key headers. */
export const apiKeyValue = (random: Random): string =>
  pick(random, [
    () => headerText(random, pick(random, lengths) || 1),
    () => 'ok_' + 'A'.repeat(43),
    () => 'test-admin-key-0123456789abcdeX',
    () => 'test-admin-key-0123456789abcdef ',
    () => ' test-admin-key-0123456789abcdef, test-admin-key-0123456789abcdef',
    () => "' OR 1=1 --",
    () => '${jndi:ldap://x}',
  ])();

/** Hostile values for Idempotency-Key. */
export const idempotencyKeyValue = (random: Random): string =>
  pick(random, [
    () => headerText(random, pick(random, lengths) || 1),
    () => 'k'.repeat(256),
    () => 'with space',
    () => 'ünïcödé',
    () => '',
  ])();

/** Hostile values for If-Match. */
export const ifMatchValue = (random: Random): string =>
  pick(random, [
    () => headerText(random, pick(random, lengths) || 1),
    () => '"' + headerText(random, 12),
    () => 'W/',
    () => 'W/"0-00000000"',
    () => '"0-00000000", '.repeat(500),
    () => ',,,',
    () => '"zzzzzzzzzzzz-ffffffff"',
    () => '"' + '9'.repeat(40) + '-00000000"',
  ])();

const CONTENT_TYPES = [
  'application/json; charset=utf-16',
  'application/json;;;',
  'APPLICATION/JSON',
  'application/vnd.orders+json',
  'text/json',
  'application/jsonx',
  'multipart/form-data; boundary=x',
  '*/*',
];

/** A header set with one to three hostile headers (and sometimes a huge one). */
export function hostileHeaders(random: Random): { headers: Record<string, string>; huge: boolean } {
  const headers: Record<string, string> = {};
  let huge = false;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const choice = random();
    if (choice < 0.25) headers[pick(random, ['apikey', 'x-api-key', 'APIKEY'])] = apiKeyValue(random);
    else if (choice < 0.45) headers['idempotency-key'] = idempotencyKeyValue(random);
    else if (choice < 0.65) headers['if-match'] = ifMatchValue(random);
    else if (choice < 0.72) headers['content-type'] = pick(random, CONTENT_TYPES);
    else if (choice < 0.8) headers['x-correlation-id'] = headerText(random, pick(random, lengths) || 1);
    else if (choice < 0.86)
      headers[pick(random, ['accept', 'accept-encoding', 'x-forwarded-for', 'origin', 'range', 'if-none-match'])] = headerText(random, 30);
    else if (choice < 0.92) {
      for (let h = 0; h < 150; h++) headers[`x-filler-${h}`] = headerText(random, 20);
    } else {
      headers['x-huge'] = 'h'.repeat(20_000 + Math.floor(random() * 50_000));
      huge = true;
    }
  }
  return { headers, huge };
}

const SEGMENTS = [
  '%',
  '%00',
  '%2e%2e',
  '..',
  '.',
  '%2F',
  '%ff%fe',
  '%C0%AE',
  '~',
  ';',
  'a;b=c',
  '%20',
  '+',
  '💥',
  '%F0%9F%92%A5',
  'jobs',
  'warnings',
  'change-status',
  'change-delivery',
  'history',
  'x'.repeat(300),
  'A'.repeat(5000),
  '__proto__',
  'constructor',
];

const QUERY_PARTS = [
  'contactId=',
  'contactId=c-1',
  'contactId[]=a',
  'contactId[x]=1',
  'contactId=a&contactId=b',
  'offset=-1',
  'offset=1e309',
  'offset=99999999999999999999',
  'count=0',
  'count=abc',
  'count=1001',
  'count=-5',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'versionTag=%',
  'at=not-a-date',
  'at=2026-02-30T00:00:00Z',
  'a=' + 'b'.repeat(3000),
  '%=%',
  '&&&',
  '=',
  'contactId=%00',
  'count=1&count=2',
];

/** A hostile path (with an optional hostile query) under the API, and a method to send it with. */
export function hostilePath(random: Random): { method: string; path: string } {
  const depth = Math.floor(random() * 4);
  const segments = Array.from({ length: depth }, () => pick(random, SEGMENTS));
  const base = pick(random, [
    '/api/v3/orders',
    '/api/v3',
    '/api/v3/orders/jobs',
    '/',
    '/api/v3/orders//',
    '/API/V3/ORDERS',
    '/docs',
    '/health',
  ]);
  const query = random() < 0.6 ? '?' + Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, QUERY_PARTS)).join('&') : '';
  const method = pick(random, ['GET', 'GET', 'GET', 'DELETE', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD']);
  return { method, path: `${base}${segments.length ? '/' + segments.join('/') : ''}${query}`.replace(/^\/\//, '/') };
}
