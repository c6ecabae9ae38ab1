import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { newDataDir, removeDataDir, startService, useService } from './support/service-process';

/**
 * The automation target policy (issue 18): refused targets are registered and refused — never
 * delivered to. Every refused URL here is refused before any connection (literal addresses, or
 * localhost resolved by the system resolver); the only receiver is on 127.0.0.1 and is asserted
 * to get nothing.
 */
const SECRET = 'receiver-secret-0123456789';
const endpoints = '/api/v3/automations/endpoints';

describe('automation targets, default policy (local network refused)', () => {
  const ctx = useService();

  it.each([
    'http://127.0.0.1:19999/hook',
    'http://localhost:19999/hook',
    'http://0x7f000001/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]:19999/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.255.255.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0:8080/',
  ])('refuses %s with 422 AUTOMATION_TARGET_NOT_ALLOWED naming url', async (url) => {
    const answer = await ctx.api.post(endpoints, { url, secret: SECRET });
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'AUTOMATION_TARGET_NOT_ALLOWED', errors: { url: [expect.stringContaining('address')] } });
  });

  it('a URL with a user name or password is a 400 at url, and is never stored or shown', async () => {
    for (const url of ['http://user:pass@hooks.example/x', 'https://token@hooks.example/x']) {
      const answer = await ctx.api.post(endpoints, { url, secret: SECRET });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.url).toEqual(expect.arrayContaining([expect.stringContaining('user name or password')]));
    }
    const list = await ctx.api.get(endpoints);
    expect(list.body).toMatchObject({ items: [], totalCount: 0, offset: 0, count: 10, links: [] });
    expect(ctx.service.output()).not.toContain('pass@');
  });
});

describe('automation targets with AUTOMATION_ALLOW_LOCAL_NETWORK=true', () => {
  const ctx = useService({ env: { AUTOMATION_ALLOW_LOCAL_NETWORK: 'true' } });

  it("the service's own listener is refused still; other local ports are allowed", async () => {
    const port = new URL(ctx.service.url).port;
    for (const url of [`http://127.0.0.1:${port}/api/v3/orders`, `http://localhost:${port}/x`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const answer = await ctx.api.post(endpoints, { url, secret: SECRET });
      expect(answer.status, url).toBe(422);
      expect(answer.body.errors.url).toEqual(['url points to this service itself']);
    }
    expect((await ctx.api.post(endpoints, { url: 'http://127.0.0.1:19999/hook', secret: SECRET })).status).toBe(201);
    // unspecified addresses are never a target
    expect((await ctx.api.post(endpoints, { url: 'http://0.0.0.0:19999/', secret: SECRET })).status).toBe(422);
  });
});

describe('the policy is checked again at every delivery', () => {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('an endpoint registered while the local network was allowed is refused after a restart without it: never contacted, dead-lettered with a short reason', async () => {
    let hits = 0;
    const server: Server = createServer((_request, response) => void ((hits += 1), response.writeHead(204).end()));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise((done) => server.close(done)));
    const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const dataDir = newDataDir();
    cleanups.push(() => removeDataDir(dataDir));
    const fast = { AUTOMATION_RETRY_BASE_MS: '20', AUTOMATION_RETRY_MAX_MS: '40', AUTOMATION_MAX_ATTEMPTS: '2' };

    let service = await startService({ dataDir, env: { ...fast, AUTOMATION_ALLOW_LOCAL_NETWORK: 'true' } });
    const created = await client(service.url).post(endpoints, { url: receiverUrl, secret: SECRET });
    expect(created.status).toBe(201);
    await service.stop();

    service = await startService({ dataDir, env: fast });
    cleanups.push(() => service.stop());
    const api = client(service.url);
    const order = minimalOrder(newOrderId('pol'), newOrderId('c-pol'));
    const accepted = await api.post('/api/v3/orders', order);
    const tag = (await api.waitForJob(accepted.headers.get('location')!)).body.versionTag as string;
    expect((await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmOrder', versionTag: tag })).status).toBe(202);
    let dead: any;
    for (let i = 0; i < 500 && !dead?.totalCount; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      dead = (await api.get('/api/v3/automations/dead-letters')).body;
    }
    expect(dead.items[0]).toMatchObject({ orderId: order.orderId, attempts: 2, lastError: 'target not allowed' });
    expect(hits).toBe(0);
    const deliveryLines = () =>
      service
        .output()
        .split('\n')
        .filter((line) => line.includes('"automation delivery'))
        .map((line) => JSON.parse(line));
    // the lines follow the store's update (and stdout is a pipe): wait for the third
    for (let i = 0; i < 250 && deliveryLines().length < 3; i += 1) await new Promise((r) => setTimeout(r, 20));
    const lines = deliveryLines();
    expect(lines.map((l) => [l.msg, l.reason, l.attempt ?? l.attempts])).toEqual([
      ['automation delivery failed', 'target not allowed', 1],
      ['automation delivery failed', 'target not allowed', 2],
      ['automation delivery dead-lettered', 'target not allowed', 2],
    ]);
    expect(lines[0]).toMatchObject({ endpointId: created.body.id, orderId: order.orderId, nextAttemptAt: expect.any(String) });
  });
});
