import { connect } from 'node:net';
import { join } from 'node:path';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import { afterAll, describe, expect, it } from 'vitest';
import { client, type JsonResponse, TEST_ADMIN_API_KEY } from './support/http';
import { newDataDir, removeDataDir, startService } from './support/service-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDataDir));

const expectProblem = (answer: JsonResponse, status: number, code: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code });
};

describe('per-key rate limit', () => {
  it('429 RATE_LIMITED with Retry-After over RATE_LIMIT_PER_SECOND, counted per key; requests without a key get 401', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const limited = await startService({ dataDir, env: { RATE_LIMIT_PER_SECOND: '3' } });
    try {
      const api = client(limited.url);
      const answers = await Promise.all(Array.from({ length: 12 }, () => api.get('/api/v3/orders?contactId=c-1')));
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
      expectProblem(refused[0]!, 429, 'RATE_LIMITED');
      expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // another key has its own budget; no key at all is a 401, not a 429
      const store = SqliteApiKeyStore.open(join(dataDir, API_KEYS_FILE));
      const other = client(limited.url, { apiKey: (await store.create('other', ['orders:read'])).key });
      await store.close();
      expect((await other.get('/api/v3/orders?contactId=c-1')).status).toBe(200);
      const anonymous = await Promise.all(
        Array.from({ length: 6 }, () => client(limited.url, { apiKey: null }).get('/api/v3/orders?contactId=c-1')),
      );
      expect(anonymous.map((a) => a.status)).toEqual(Array(6).fill(401));
    } finally {
      await limited.stop();
    }
  });
});

describe('request timeout', () => {
  it('a client that stalls in the middle of a request is cut off (REQUEST_TIMEOUT_MS)', async () => {
    const service = await startService({ env: { REQUEST_TIMEOUT_MS: '300' } });
    dirs.push(service.dataDir);
    try {
      const { hostname, port } = new URL(service.url);
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      socket.write(
        `POST /api/v3/orders HTTP/1.1\r\nHost: ${hostname}\r\napikey: ${TEST_ADMIN_API_KEY}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"orderId":`,
      );
      // the rest never comes; the server must end the socket (a 408 may precede the close)
      await Promise.race([closed, new Promise((_, fail) => setTimeout(() => fail(new Error('socket still open after 15 s')), 15_000))]);
      expect(received === '' || /^HTTP\/1\.1 408/.test(received)).toBe(true);
      expect((await client(service.url).get('/api/v3/orders?contactId=c-1')).status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
