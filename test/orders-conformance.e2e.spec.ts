import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_API_KEY } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { useService } from './support/service-process';

/**
 * Conformance findings of the orders API: versionTags of completed action/delete jobs, job ids of long
 * non-ASCII orderIds, dot-segment orderIds, blank SKUs, paging links, If-Match on E7.
 */
const ctx = useService();

async function accepted(answer: { status: number; body: any; headers: Headers }) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return ctx.api.waitForJob(answer.headers.get('location')!);
}

async function registered(order: Record<string, unknown>) {
  const done = await accepted(await ctx.api.post('/api/v3/orders', order));
  expect(done.status).toBe(302);
  return done.body.versionTag as string;
}

/** A request whose path goes out exactly as written (fetch would resolve `%2E%2E` as a dot segment). */
function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const url = new URL(ctx.service.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { apikey: TEST_ADMIN_API_KEY, ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

describe('a completed job carries the versionTag of the order version it produced or acted on', () => {
  it('E7 action job: the tag the action ran on, still valid for E3, If-Match, ?versionTag= and another action', async () => {
    const order = minimalOrder(newOrderId('act'), 'c-act');
    await registered(order);
    const path = `/api/v3/orders/${order.orderId}`;
    const changed = await accepted(await ctx.api.post(`${path}/change-status`, { status: 'Completed' }));
    const tag = changed.body.versionTag as string;

    const action = await accepted(await ctx.api.post(`${path}/action`, { action: 'ConfirmOrder', versionTag: tag }));
    expect(action.status).toBe(302);
    expect(action.body).toMatchObject({ status: 'Completed', versionTag: tag });
    expect((await ctx.api.get(path)).body.versionTag).toBe(tag);
    expect((await ctx.api.get(`${path}?versionTag=${action.body.versionTag}`)).status).toBe(200);
    const again = await accepted(await ctx.api.post(`${path}/action`, { action: 'ConfirmShipment', versionTag: action.body.versionTag }));
    expect(again.body.versionTag).toBe(tag);
    const conditional = await ctx.api.post(`${path}/change-delivery`, { method: 'Pickup' }, { 'if-match': `"${again.body.versionTag}"` });
    expect((await accepted(conditional)).status).toBe(302);
  });

  it('an embedded orderAction job keeps the tag of its change', async () => {
    const order = minimalOrder(newOrderId('emb'), 'c-emb');
    await registered(order);
    const path = `/api/v3/orders/${order.orderId}`;
    const done = await accepted(
      await ctx.api.post(`${path}/change-status`, { status: 'Completed', orderAction: { action: 'ConfirmCompletion' } }),
    );
    expect(done.body.versionTag).toBe((await ctx.api.get(path)).body.versionTag);
    expect(done.body.versionTag).not.toMatch(/^0-/);
  });

  it('delete job: the tag history shows for the delete, which ?versionTag= answers for the deleted order', async () => {
    const order = minimalOrder(newOrderId('del'), 'c-del2');
    const first = await registered(order);
    const path = `/api/v3/orders/${order.orderId}`;
    const deleted = await accepted(await ctx.api.delete(path));
    expect(deleted.status).toBe(200);
    expect(deleted.body.versionTag).toBe(first);
    const history = await ctx.api.get(`${path}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'OrderDeleted', versionTag: deleted.body.versionTag });
    const at = await ctx.api.get(`${path}?versionTag=${deleted.body.versionTag}`);
    expect(at).toMatchObject({ status: 200, body: { orderId: order.orderId, versionTag: first } });

    // registered again, changed, deleted again: the second delete names the version before it
    await registered(order);
    const changed = await accepted(await ctx.api.post(`${path}/change-status`, { status: 'Cancelled' }));
    const second = await accepted(await ctx.api.delete(path));
    expect(second.body.versionTag).toBe(changed.body.versionTag);
    expect((await ctx.api.get(`${path}?versionTag=${second.body.versionTag}`)).body).toMatchObject({ status: 'Cancelled' });
  });
});

describe('job ids of long non-ASCII orderIds resolve', () => {
  it.each([['日'.repeat(50)], ['é'.repeat(75)], ['😀'.repeat(60)], ['😀'.repeat(100)]])(
    '%s: at revision 0 and after 10 changes',
    async (orderId) => {
      const first = await ctx.api.post('/api/v3/orders', minimalOrder(orderId, 'c-long'));
      const done = await accepted(first);
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe(`/api/v3/orders/${encodeURIComponent(orderId)}`);
      let last = done;
      for (let i = 0; i < 10; i++) {
        last = await accepted(
          await ctx.api.post(`/api/v3/orders/${encodeURIComponent(orderId)}/change-status`, { externalStatus: `step-${i}` }),
        );
        expect(last.status).toBe(302);
      }
      expect(last.body.versionTag).toMatch(/^a-/);
    },
  );

  it('an orderId that has no UTF-8 form (a lone surrogate) is a 400, not a job that never resolves', async () => {
    const answer = await ctx.api.post('/api/v3/orders', minimalOrder('\ud800abc'));
    expect(answer).toMatchObject({ status: 400, body: { errors: { orderId: [expect.stringContaining('well-formed')] } } });
  });
});

describe('orderIds "." and ".." are rejected', () => {
  it.each(['.', '..'])('register with orderId %j is 400 at orderId', async (orderId) => {
    const answer = await ctx.api.post('/api/v3/orders', minimalOrder(orderId));
    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(answer.body.errors.orderId).toEqual([expect.stringMatching(/\.\./)]);
  });

  it.each(['%2E', '%2E%2E', '%2e.'])('paths with orderId %s are 400 at orderId', async (segment) => {
    const base = `/api/v3/orders/${segment}`;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', base],
      ['GET', `${base}/warnings`],
      ['GET', `${base}/history`],
      ['PUT', base, minimalOrder(decodeURIComponent(segment))],
      ['DELETE', base],
      ['POST', `${base}/change-status`, { status: 'Completed' }],
      ['POST', `${base}/change-delivery`, { method: 'Pickup' }],
      ['POST', `${base}/action`, { action: 'ConfirmOrder', versionTag: '0-00000000' }],
    ];
    for (const [method, path, body] of calls) {
      const answer = await raw(method, path, body);
      expect(answer, `${method} ${path}`).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', errors: { orderId: [expect.any(String)] } },
      });
    }
  });

  it('orderIds that merely contain dots are fine', async () => {
    await registered(minimalOrder(`...${newOrderId('dots')}`));
    await registered(minimalOrder('...'));
  });
});

describe('blank required text is rejected', () => {
  it("a SKU of only white space is 400 at the line's article.sku", async () => {
    const order = minimalOrder(newOrderId('sku'), 'c-sku', {
      lineItems: {
        items: [
          { quantity: 1, article: { sku: 'OK' }, totalPrice: 50 },
          { quantity: 1, article: { sku: '   ' }, totalPrice: 50 },
        ],
      },
    });
    const answer = await ctx.api.post('/api/v3/orders', order);
    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(Object.keys(answer.body.errors)).toEqual(['lineItems.items[1].article.sku']);
  });

  it('orderId and contact.matchKey of only white space are 400 too', async () => {
    expect((await ctx.api.post('/api/v3/orders', minimalOrder('  '))).body.errors).toHaveProperty('orderId');
    expect((await ctx.api.post('/api/v3/orders', minimalOrder(newOrderId(), ' \t '))).body.errors).toHaveProperty(['contact.matchKey']);
  });
});

describe('paging links point only at pages that have items', () => {
  it('E1: an offset past the end links back to the last page, an empty listing has no links', async () => {
    const contactId = `c-page-${newOrderId()}`;
    for (let i = 0; i < 5; i++) await registered(minimalOrder(newOrderId(), contactId));
    const href = (offset: number) => `/api/v3/orders?contactId=${contactId}&offset=${offset}&count=3`;
    const beyond = await ctx.api.get(href(1000));
    expect(beyond.body).toMatchObject({ items: [], totalCount: 5 });
    expect(beyond.body.links).toEqual([{ rel: 'previous', href: href(2), method: 'GET' }]);
    const justAfter = await ctx.api.get(href(5));
    expect(justAfter.body.links).toEqual([{ rel: 'previous', href: href(2), method: 'GET' }]);
    const partial = await ctx.api.get(href(1));
    expect(partial.body.links).toEqual([
      { rel: 'next', href: href(4), method: 'GET' },
      { rel: 'previous', href: href(0), method: 'GET' },
    ]);
    const nobody = await ctx.api.get(`/api/v3/orders?contactId=${newOrderId('nobody')}&offset=30&count=3`);
    expect(nobody.body.links).toEqual([]);

    // segments page their contacts with the same rule
    const segment = await ctx.api.post('/api/v3/segments/query', {
      filter: { field: 'contactId', op: 'eq', value: contactId },
      offset: 5,
      count: 2,
    });
    expect(segment.body).toMatchObject({ contactCount: 1, contacts: [] });
    expect(segment.body.links).toEqual([
      { rel: 'previous', href: '/api/v3/segments/query', method: 'POST', body: { offset: 0, count: 2 } },
    ]);
  });

  it('history: offset 99 of 11 events links back to the last page', async () => {
    const order = minimalOrder(newOrderId('hp'), 'c-hp');
    await registered(order);
    const path = `/api/v3/orders/${order.orderId}`;
    for (let i = 0; i < 10; i++) await accepted(await ctx.api.post(`${path}/change-status`, { externalStatus: `s${i}` }));
    const page = await ctx.api.get(`${path}/history?offset=99&count=10`);
    expect(page.body).toMatchObject({ items: [], totalCount: 11 });
    expect(page.body.links).toEqual([{ rel: 'previous', href: `${path}/history?offset=1&count=10`, method: 'GET' }]);
    const previous = await ctx.api.get(page.body.links[0].href);
    expect(previous.body.items).toHaveLength(10);
  });

  it('a negative offset is reported as "must be ≥ 0"', async () => {
    const answer = await ctx.api.get('/api/v3/orders?contactId=c-1&offset=-1');
    expect(answer.body.errors).toEqual({ offset: ['offset must be an integer ≥ 0'] });
  });
});

describe('order of checks', () => {
  it('an invalid body is a 400 before an unknown order is a 404', async () => {
    const answer = await ctx.api.post(`/api/v3/orders/${newOrderId('nope')}/change-status`, {});
    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});

describe('E7 honours If-Match', () => {
  it('412 with the current ETag when the order moved on, 202 when it names the current version', async () => {
    const order = minimalOrder(newOrderId('e7im'), 'c-e7im');
    const first = await registered(order);
    const path = `/api/v3/orders/${order.orderId}`;
    const changed = await accepted(await ctx.api.post(`${path}/change-status`, { status: 'Completed' }));
    const current = changed.body.versionTag as string;

    const stale = await ctx.api.post(`${path}/action`, { action: 'ConfirmOrder', versionTag: current }, { 'if-match': `"${first}"` });
    expect(stale).toMatchObject({ status: 412, body: { code: 'PRECONDITION_FAILED' } });
    expect(stale.headers.get('etag')).toBe(`"${current}"`);
    const malformed = await ctx.api.post(`${path}/action`, { action: 'ConfirmOrder', versionTag: current }, { 'if-match': 'nonsense tag' });
    expect(malformed.status).toBe(412);
    expect((await ctx.api.get(`${path}/history`)).body.totalCount).toBe(2);

    const ok = await ctx.api.post(`${path}/action`, { action: 'ConfirmOrder', versionTag: current }, { 'if-match': `"${current}"` });
    expect((await accepted(ok)).body.versionTag).toBe(current);
    expect((await ctx.api.post(`${path}/action`, { action: 'ConfirmOrder', versionTag: current }, { 'if-match': '*' })).status).toBe(202);
  });
});
