import { join } from 'node:path';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import { encodeVersionTag, orderStreamId } from '@orders/domain';
import { describe, expect, it } from 'vitest';
import { readEventFile } from './support/event-file';
import { client, type JsonResponse } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { useService } from './support/service-process';

const ctx = useService();

const expectProblem = (answer: JsonResponse, status: number, code: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toMatchObject({ status, code });
};
const eventsOf = (orderId: string) => readEventFile(ctx.service.dataDir, { streamId: orderStreamId(orderId) });
const idem = (key: string, extra: Record<string, string> = {}) => ({ 'idempotency-key': key, ...extra });

async function registered(orderId = newOrderId('cond')) {
  const accepted = await ctx.api.post('/api/v3/orders', minimalOrder(orderId, 'c-cond'));
  expect(accepted.status).toBe(202);
  await ctx.api.waitForJob(accepted.headers.get('location')!);
  return orderId;
}

describe('Idempotency-Key', () => {
  it('a retried register returns the original job (not 409) and writes nothing', async () => {
    const order = minimalOrder(newOrderId('idem'), 'c-idem');
    const first = await ctx.api.post('/api/v3/orders', order, idem('reg-1'));
    const retry = await ctx.api.post('/api/v3/orders', order, idem('reg-1'));
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    // the same job; its status is the job's state now (the projector may have passed it in between)
    const { status: _now, versionTag: _tag, ...job } = retry.body;
    expect(job).toEqual({ jobId: first.body.jobId, orderId: order.orderId, href: first.body.href });
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect((await ctx.api.post('/api/v3/orders', order)).status).toBe(409);
    expect(eventsOf(order.orderId)).toHaveLength(1);
    expect(eventsOf(order.orderId)[0]!.metadata).toMatchObject({
      idempotencyKey: 'reg-1',
      apiKeyName: 'admin',
      requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('a retry of a change that has completed answers its current job state: Completed, with its versionTag (still 202)', async () => {
    const order = minimalOrder(newOrderId('idem'), 'c-idem');
    const first = await ctx.api.post('/api/v3/orders', order, idem('reg-done'));
    expect(first.status).toBe(202);
    const done = await ctx.api.waitForJob(first.headers.get('location')!);
    expect(done.status).toBe(302);
    const retry = await ctx.api.post('/api/v3/orders', order, idem('reg-done'));
    expect(retry.status).toBe(202);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.body).toEqual({
      jobId: first.body.jobId,
      orderId: order.orderId,
      status: 'Completed',
      href: first.body.href,
      versionTag: done.body.versionTag,
    });

    const change = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, { externalStatus: 'packed' }, idem('st-done'));
    const changed = await ctx.api.waitForJob(change.headers.get('location')!);
    const again = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, { externalStatus: 'packed' }, idem('st-done'));
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ jobId: change.body.jobId, status: 'Completed', versionTag: changed.body.versionTag });
    expect(eventsOf(order.orderId)).toHaveLength(2);
  });

  it('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const order = minimalOrder(newOrderId('idem'), 'c-idem');
    expect((await ctx.api.post('/api/v3/orders', order, idem('reg-2'))).status).toBe(202);
    expectProblem(await ctx.api.post('/api/v3/orders', { ...order, totalPrice: 99 }, idem('reg-2')), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(
      await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, { status: 'Completed' }, idem('reg-2')),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(eventsOf(order.orderId)).toHaveLength(1);
  });

  it('a retried status change after later changes still returns its original job', async () => {
    const orderId = await registered();
    const first = await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'packed' }, idem('st-1'));
    expect((await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'shipped' })).status).toBe(202);
    const retry = await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'packed' }, idem('st-1'));
    expect(retry.body.jobId).toBe(first.body.jobId);
    expect(eventsOf(orderId)).toHaveLength(3);
    const job = await ctx.api.waitForJob(retry.headers.get('location')!);
    expect(job.body.versionTag).toBe(encodeVersionTag(orderId, 1));
  });

  it('20 concurrent duplicates: one change, one job', async () => {
    const orderId = await registered();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx.api.post(`/api/v3/orders/${orderId}/change-delivery`, { trackingNumber: 'T-1' }, idem('burst-1')),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => a.body.jobId)).size).toBe(1);
    expect(eventsOf(orderId)).toHaveLength(2);
  });

  it('keys are scoped by API key; another order with the same key is 422; a bad key is 400', async () => {
    const store = SqliteApiKeyStore.open(join(ctx.service.dataDir, API_KEYS_FILE));
    const other = client(ctx.service.url, { apiKey: (await store.create('idem-other', ['orders:write'])).key });
    await store.close();
    const orderId = await registered();
    const mine = await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Completed' }, idem('shared-key'));
    const theirs = await other.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Completed' }, idem('shared-key'));
    expect(theirs.status).toBe(202);
    expect(theirs.body.jobId).not.toBe(mine.body.jobId);
    const elsewhere = await registered();
    expectProblem(
      await ctx.api.post(`/api/v3/orders/${elsewhere}/change-status`, { status: 'Completed' }, idem('shared-key')),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectProblem(
      await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Cancelled' }, idem('has space')),
      400,
      'INVALID_IDEMPOTENCY_KEY',
    );
    expectProblem(
      await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Cancelled' }, idem('x'.repeat(256))),
      400,
      'INVALID_IDEMPOTENCY_KEY',
    );
    expect(eventsOf(orderId)).toHaveLength(3);
    expect(eventsOf(elsewhere)).toHaveLength(1);
  });
});

describe('If-Match (conditional writes)', () => {
  it('applies a change only to the version named; 412 PRECONDITION_FAILED otherwise', async () => {
    const orderId = await registered();
    const read = await ctx.api.get(`/api/v3/orders/${orderId}`);
    const etag = read.headers.get('etag')!;
    expect(etag).toBe(`"${read.body.versionTag}"`);
    expect((await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Completed' }, { 'if-match': etag })).status).toBe(202);
    const stale = await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Cancelled' }, { 'if-match': etag });
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    expect(stale.headers.get('etag')).toBe(`"${encodeVersionTag(orderId, 1)}"`);
    expectProblem(await ctx.api.delete(`/api/v3/orders/${orderId}`, { 'if-match': etag }), 412, 'PRECONDITION_FAILED');
    expectProblem(
      await ctx.api.put(`/api/v3/orders/${orderId}`, minimalOrder(orderId, 'c-cond'), { 'if-match': etag }),
      412,
      'PRECONDITION_FAILED',
    );
    expectProblem(
      await ctx.api.post(`/api/v3/orders/${orderId}/change-delivery`, { trackingNumber: 'X' }, { 'if-match': etag }),
      412,
      'PRECONDITION_FAILED',
    );
    expect(eventsOf(orderId)).toHaveLength(2);
  });

  it('accepts W/ and unquoted tags, lists and *; a malformed or foreign tag is 412', async () => {
    const orderId = await registered();
    const tag = encodeVersionTag(orderId, 0);
    expect(
      (await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'a' }, { 'if-match': `W/"${tag}"` })).status,
    ).toBe(202);
    const tag1 = encodeVersionTag(orderId, 1);
    expect((await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'b' }, { 'if-match': tag1 })).status).toBe(202);
    const tag2 = encodeVersionTag(orderId, 2);
    expect(
      (await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'c' }, { 'if-match': `"${tag}", "${tag2}"` }))
        .status,
    ).toBe(202);
    expect((await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'd' }, { 'if-match': '*' })).status).toBe(202);
    for (const bad of ['garbage', '"', '"unterminated', encodeVersionTag('another-order', 4), '""', 'W/', `"${tag}" junk`]) {
      expectProblem(
        await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { externalStatus: 'x' }, { 'if-match': bad }),
        412,
        'PRECONDITION_FAILED',
      );
    }
    expect(eventsOf(orderId)).toHaveLength(5);
  });

  it('an unknown order stays 404 with If-Match; an idempotent retry wins over a stale If-Match', async () => {
    expectProblem(
      await ctx.api.post(`/api/v3/orders/${newOrderId('none')}/change-status`, { status: 'Completed' }, { 'if-match': '"0-00000000"' }),
      404,
      'ORDER_NOT_FOUND',
    );
    const orderId = await registered();
    const headers = idem('cond-retry', { 'if-match': `"${encodeVersionTag(orderId, 0)}"` });
    const first = await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Completed' }, headers);
    const retry = await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, { status: 'Completed' }, headers);
    expect(retry.status).toBe(202);
    expect(retry.body.jobId).toBe(first.body.jobId);
  });
});
