import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { orderStreamId } from '@orders/domain';
import { SqliteEventStore } from '@orders/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { newDataDir, removeDataDir, type ServiceHandle, startService } from './support/service-process';

const MAIN = resolve(__dirname, '../dist/apps/orders-service/main.js');

describe('configuration is validated at start', () => {
  it('PORT=abc stops the start with a non-zero exit and a message naming PORT', () => {
    const dataDir = newDataDir();
    try {
      const run = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 20_000,
      });

      expect(run.status).not.toBe(0);
      expect(run.status).not.toBeNull();
      expect(run.stderr).toContain("PORT: must be an integer between 0 and 65535, got 'abc'");
      console.log(`PORT=abc → exit ${run.status}: ${run.stderr.trim()}`);
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('a DATA_DIR that cannot be used is exit code 2 with one line naming DATA_DIR and the path (no stack)', () => {
    const dataDir = newDataDir();
    try {
      const file = join(dataDir, 'a-file');
      writeFileSync(file, 'not a directory');
      const run = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, PORT: '0', DATA_DIR: join(file, 'data') },
        encoding: 'utf8',
        timeout: 20_000,
      });

      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toBe(
        `orders-service: invalid configuration: DATA_DIR: cannot use '${join(file, 'data')}': ENOTDIR: not a directory, mkdir '${join(file, 'data')}'`,
      );
    } finally {
      removeDataDir(dataDir);
    }
  });
});

describe('the embedded backend', () => {
  it("does not load the distributed backend's clients (MongoDB driver, EventStoreDB client)", async () => {
    const trace = join(tmpdir(), `orders-require-trace-${process.pid}.txt`);
    writeFileSync(trace, '');
    const preload = join(__dirname, 'fixtures', 'require-trace.cjs');
    const service = await startService({ env: { NODE_OPTIONS: `--require=${preload}`, REQUIRE_TRACE_FILE: trace } });
    try {
      const api = client(service.url);
      expect((await api.post('/api/v3/orders', minimalOrder(newOrderId()))).status).toBe(202);
    } finally {
      await service.stop();
      removeDataDir(service.dataDir);
    }
    const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    rmSync(trace, { force: true });
    // the trace works: packages the embedded backend does use are in it
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', 'fastify']));
    expect(loaded.filter((name) => /^(mongodb|bson|@eventstore\/db-client|@grpc\/)/.test(name))).toEqual([]);
  });
});

describe('a running service', () => {
  let service: ServiceHandle;
  let api: Client;
  let anonymous: Client;

  beforeAll(async () => {
    service = await startService({ env: { LOG_LEVEL: 'info' } });
    api = client(service.url);
    anonymous = client(service.url, { apiKey: null });
  });

  afterAll(async () => {
    await service?.stop();
    if (service) removeDataDir(service.dataDir);
  });

  it('serves health, metrics and the docs without an API key, outside /api/v3', async () => {
    expect(await anonymous.get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await anonymous.get('/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok', details: { eventStore: { status: 'up' }, readStore: { status: 'up' }, projectorLag: { status: 'up' } } },
    });
    expect((await anonymous.get('/metrics')).status).toBe(200);
    expect((await anonymous.get('/docs')).status).toBe(200);
    expect((await anonymous.get('/api/v3/health/ready')).status).toBe(404);
  });

  it('lists every SPEC endpoint at /docs-json', async () => {
    const { body: document } = await anonymous.get('/docs-json');
    const operations = Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m} ${path}`),
    );

    expect(operations).toEqual(
      expect.arrayContaining([
        'get /api/v3/orders',
        'post /api/v3/orders',
        'get /api/v3/orders/{orderId}',
        'put /api/v3/orders/{orderId}',
        'delete /api/v3/orders/{orderId}',
        'get /api/v3/orders/jobs/{jobId}',
        'post /api/v3/orders/{orderId}/action',
        'post /api/v3/orders/{orderId}/change-status',
        'post /api/v3/orders/{orderId}/change-delivery',
        'get /health/live',
        'get /health/ready',
        'get /metrics',
      ]),
    );
    console.log(`/docs-json: ${operations.length} operations on ${Object.keys(document.paths).length} paths`);
  });

  it('returns the request id: the sane one sent, else a new UUID; logs carry it as JSON', async () => {
    const given = await api.get('/api/v3/orders/no-such-order', { 'x-request-id': 'ops-e2e-req-1' });
    expect(given.status).toBe(404);
    expect(given.headers.get('x-request-id')).toBe('ops-e2e-req-1');

    const generated = await api.get('/api/v3/orders/no-such-order', { 'x-request-id': 'not sane!' });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await anonymous.get('/health/live')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    await expect.poll(() => service.output()).toContain('"reqId":"ops-e2e-req-1"');
    const lines = service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const line = lines.map((l) => JSON.parse(l)).find((entry) => entry.reqId === 'ops-e2e-req-1');
    expect(line).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/v3/orders/no-such-order' }, res: { statusCode: 404 } });
    expect(service.output()).not.toContain(TEST_KEY_FRAGMENT);
  });

  it('exposes the HTTP, command, event-store, projector and process series after a short workload', async () => {
    const orderId = newOrderId('ops');
    const accepted = await api.post('/api/v3/orders', minimalOrder(orderId));
    expect(accepted.status).toBe(202);
    expect((await api.waitForJob(accepted.headers.get('location')!)).status).toBe(302);
    expect((await api.post('/api/v3/orders', minimalOrder(orderId))).status).toBe(409);
    expect((await api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Completed' })).status).toBe(202);
    expect((await api.get(`/api/v3/orders/${orderId}`)).status).toBe(200);
    expect((await api.call('POST', '/api/v3/orders', 'x', { 'content-type': 'text/plain' })).status).toBe(415);

    const scrape = await anonymous.get<string>('/metrics');
    const metrics = scrape.body;

    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    for (const series of [
      'http_requests_total{method="POST",route="/api/v3/orders",status_code="202"} 1',
      'http_requests_total{method="POST",route="/api/v3/orders",status_code="409"} 1',
      'http_requests_total{method="POST",route="/api/v3/orders",status_code="415"} 1',
      'http_requests_total{method="GET",route="/api/v3/orders/:orderId",status_code="200"} 1',
      'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v3/orders/:orderId",status_code="200"} 1',
      'commands_total{command="RegisterOrderCommand",outcome="accepted"} 1',
      'commands_total{command="RegisterOrderCommand",outcome="ORDER_ALREADY_EXISTS"} 1',
      'commands_total{command="ChangeStatusCommand",outcome="accepted"} 1',
      'event_store_append_duration_seconds_count{outcome="ok"}',
      'event_store_head_position ',
      'projector_position{projection="orders"} ',
      'projector_lag{projection="orders"} ',
      '# TYPE automation_deliveries_total counter',
      'process_cpu_user_seconds_total ',
      'nodejs_heap_size_used_bytes ',
    ]) {
      expect(metrics, series).toContain(series);
    }
    expect(metrics, 'raw URLs never become labels').not.toContain(orderId);
    const sample = metrics.split('\n').filter((l) => /^(http_requests_total|commands_total|event_store_|projector_)/.test(l));
    console.log(
      `/metrics after the workload (${metrics.split('\n').length} lines), e.g.:\n${sample.filter((l) => !l.includes('_bucket')).join('\n')}`,
    );
  });

  it('records the correlation id in event metadata: x-correlation-id, else the request id', async () => {
    const correlated = newOrderId('corr');
    const requested = newOrderId('req');
    expect(
      (await api.post('/api/v3/orders', minimalOrder(correlated), { 'x-correlation-id': 'ops-corr-1', 'x-request-id': 'ops-req-a' }))
        .status,
    ).toBe(202);
    expect((await api.post('/api/v3/orders', minimalOrder(requested), { 'x-request-id': 'ops-req-b' })).status).toBe(202);

    const store = SqliteEventStore.open({ file: join(service.dataDir, 'events.sqlite') });
    try {
      const [first] = await store.readStream(orderStreamId(correlated));
      const [second] = await store.readStream(orderStreamId(requested));
      expect(first?.metadata.correlationId).toBe('ops-corr-1');
      expect(second?.metadata.correlationId).toBe('ops-req-b');
    } finally {
      await store.close();
    }
  });
});

/** part of the test admin key: it must never reach a log line */
const TEST_KEY_FRAGMENT = 'test-admin-key-0123456789';
