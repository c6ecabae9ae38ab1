import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerHistoryCommand } from '../apps/orders-cli/src/commands/history.command';
import { registerProjectionsCommands } from '../apps/orders-cli/src/commands/projections.command';
import { CliError } from '../apps/orders-cli/src/cli-context';
import { type Client, client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

let service: ServiceHandle;
let api: Client;
const orderId = newOrderId('hist');
const tags: string[] = [];
const times: string[] = [];

async function change(method: 'post' | 'put' | 'delete', path: string, body?: unknown): Promise<void> {
  const answer = method === 'delete' ? await api.delete(path) : await api[method](path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  const done = await api.waitForJob(answer.headers.get('location')!);
  if (done.body?.versionTag) tags.push(done.body.versionTag);
  times.push(new Date().toISOString());
  await new Promise((r) => setTimeout(r, 20)); // distinct commit instants for ?at=
}

/** Runs a CLI command in this process against the service's DATA_DIR; returns what it printed. */
async function cli(...args: string[]): Promise<{ out: string; error?: unknown }> {
  const program = new Command().exitOverride();
  registerProjectionsCommands(program);
  registerHistoryCommand(program);
  let out = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = service.dataDir;
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out };
  } catch (error) {
    return { out, error };
  } finally {
    log.mockRestore();
    process.env.DATA_DIR = previous;
  }
}

beforeAll(async () => {
  service = await startService();
  api = client(service.url);
  times.push(new Date().toISOString());
  await new Promise((r) => setTimeout(r, 20));
  await change('post', '/api/v3/orders', minimalOrder(orderId, 'c-hist'));
  await change('post', `/api/v3/orders/${orderId}/change-status`, { status: 'Completed', externalStatus: 'Shipped' });
  await change(
    'put',
    `/api/v3/orders/${orderId}`,
    minimalOrder(orderId, 'c-hist', {
      totalPrice: 150,
      status: 'Completed',
      lineItems: { items: [{ quantity: 3, article: { sku: 'SKU-1' }, totalPrice: 150 }] },
    }),
  );
  await change('delete', `/api/v3/orders/${orderId}`);
});

afterAll(async () => {
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
});

describe('GET /orders/{orderId}/history', () => {
  it('lists every event with versionTag, metadata and field-level diff, also for a deleted order', async () => {
    const { status, body } = await api.get(`/api/v3/orders/${orderId}/history`);
    expect(status).toBe(200);
    expect(body.totalCount).toBe(4);
    expect(body.items.map((e: any) => [e.revision, e.type, e.versionTag])).toEqual([
      [0, 'OrderRegistered', tags[0]],
      [1, 'OrderStatusChanged', tags[1]],
      [2, 'OrderReplaced', tags[2]],
      [3, 'OrderDeleted', tags[2]],
    ]);
    expect(body.items[0]).toMatchObject({ jobId: expect.any(String), correlationId: expect.any(String), time: expect.any(String) });
    expect(body.items[1].changes).toEqual([
      { op: 'changed', path: 'status', from: 'InProgress', to: 'Completed' },
      { op: 'added', path: 'externalStatus', to: 'Shipped' },
    ]);
    expect(body.items[2].changes).toEqual(expect.arrayContaining([{ op: 'changed', path: 'lineItems.items[0].quantity', from: 1, to: 3 }]));
    expect(body.items[3]).toMatchObject({ deleted: true, changes: [] });
  });

  it('pages with next/previous links and answers 404 for an order that never existed', async () => {
    const page = await api.get(`/api/v3/orders/${orderId}/history?offset=1&count=2`);
    expect(page.body.items.map((e: any) => e.revision)).toEqual([1, 2]);
    expect(page.body.links).toEqual([
      { rel: 'next', href: `/api/v3/orders/${orderId}/history?offset=3&count=2`, method: 'GET' },
      { rel: 'previous', href: `/api/v3/orders/${orderId}/history?offset=0&count=2`, method: 'GET' },
    ]);
    expect((await api.get(`/api/v3/orders/${orderId}/history?count=101`)).status).toBe(400);
    const missing = await api.get('/api/v3/orders/never-was/history');
    expect(missing).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND' } });
  });
});

describe('GET /orders/{orderId}?versionTag= / ?at=', () => {
  it('returns the order as it was at a versionTag, with that tag as ETag, also after deletion', async () => {
    expect((await api.get(`/api/v3/orders/${orderId}`)).status).toBe(404);
    const first = await api.get(`/api/v3/orders/${orderId}?versionTag=${tags[0]}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${tags[0]}"`);
    expect(first.body).toMatchObject({ orderId, status: 'InProgress', totalPrice: 100, versionTag: tags[0] });
    const second = await api.get(`/api/v3/orders/${orderId}?versionTag=${tags[1]}`);
    expect(second.body).toMatchObject({ status: 'Completed', externalStatus: 'Shipped', totalPrice: 100 });
  });

  it('answers 404 VERSION_TAG_NOT_FOUND for a tag the order never had, 400 for both parameters', async () => {
    for (const tag of ['3-00000000', 'zzz', tags[0]!.replace(/^0/, '9')]) {
      expect(await api.get(`/api/v3/orders/${orderId}?versionTag=${tag}`)).toMatchObject({
        status: 404,
        body: { code: 'VERSION_TAG_NOT_FOUND' },
      });
    }
    const both = await api.get(`/api/v3/orders/${orderId}?versionTag=${tags[0]}&at=${encodeURIComponent(times[1]!)}`);
    expect(both).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await api.get(`/api/v3/orders/nope?versionTag=${tags[0]}`)).status).toBe(404);
  });

  it('returns the order as it was at an instant; before it existed is a 404', async () => {
    expect((await api.get(`/api/v3/orders/${orderId}?at=${encodeURIComponent(times[0]!)}`)).status).toBe(404);
    const atFirst = await api.get(`/api/v3/orders/${orderId}?at=${encodeURIComponent(times[1]!)}`);
    expect(atFirst).toMatchObject({ status: 200, body: { versionTag: tags[0], status: 'InProgress' } });
    const afterDelete = await api.get(`/api/v3/orders/${orderId}?at=${encodeURIComponent(times[4]!)}`);
    expect(afterDelete).toMatchObject({ status: 200, body: { versionTag: tags[2], totalPrice: 150 } });
    expect(afterDelete.headers.get('x-order-deleted')).toBe('true');
  });
});

describe('projections: GET /admin/projections and the CLI', () => {
  it('reports position, head, lag and caught-up', async () => {
    const { status, body } = await api.get('/api/v3/admin/projections');
    expect(status).toBe(200);
    expect(body.items).toEqual([{ name: 'orders', position: expect.any(Number), head: expect.any(Number), lag: 0, caughtUp: true }]);
    expect((await api.get('/api/v3/admin/projections', { apikey: 'not-a-key' })).status).toBe(401);
    const { out } = await cli('projections', 'status', '--json');
    expect(JSON.parse(out).items).toEqual(body.items);
  });

  it('cli history prints the events and their changes', async () => {
    const { out } = await cli('history', orderId);
    expect(out).toMatch(/#1 .* OrderStatusChanged/);
    expect(out).toContain('lineItems.items[0].quantity: 1 → 3');
    const missing = await cli('history', 'never-was');
    expect(missing.error).toBeInstanceOf(CliError);
  });

  it('cli rebuild swaps fresh tables in under the running service, which keeps serving the same answers', async () => {
    const other = newOrderId('reb');
    await change('post', '/api/v3/orders', minimalOrder(other, 'c-reb'));
    const before = await api.get(`/api/v3/orders/${other}`);
    const listBefore = await api.get('/api/v3/orders?contactId=c-reb');
    const { out, error } = await cli('projections', 'rebuild', '--no-progress', '--batch-size', '2');
    expect(error).toBeUndefined();
    expect(out).toMatch(/rebuilt projection 'orders': \d+ events/);
    expect(await api.get(`/api/v3/orders/${other}`)).toMatchObject({ status: 200, body: before.body });
    expect((await api.get('/api/v3/orders?contactId=c-reb')).body).toEqual(listBefore.body);
    // the service's projector goes on after the swap
    const third = newOrderId('after');
    await change('post', '/api/v3/orders', minimalOrder(third, 'c-reb'));
    expect((await api.get('/api/v3/orders?contactId=c-reb')).body.totalCount).toBe(2);
    expect((await cli('projections', 'rebuild', 'nope')).error).toBeInstanceOf(CliError);
  });
});
