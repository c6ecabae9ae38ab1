import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_API_KEY } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { parseRawAnswer, RawConnection } from './support/raw-http';
import { useService } from './support/service-process';

const ctx = useService();

const expectProblem = (answer: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+\.js:\d+/);
};

/**
 * One HTTP/1.1 request written byte for byte (fetch and node:http choose Content-Length / chunking
 * themselves): `headers` exactly as given plus host, apikey and connection: close; `chunks` are sent with
 * Transfer-Encoding: chunked (an empty list sends only the terminating chunk).
 */
async function rawRequest(url: string, method: string, path: string, headers: string[], chunks?: string[]) {
  const { hostname, port } = new URL(url);
  const head = [`${method} ${path} HTTP/1.1`, `host: ${hostname}`, `apikey: ${TEST_ADMIN_API_KEY}`, 'connection: close', ...headers];
  if (chunks) head.push('transfer-encoding: chunked');
  const body = chunks ? [...chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`), '0\r\n\r\n'].join('') : '';
  const text = await new Promise<string>((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.end(`${head.join('\r\n')}\r\n\r\n${body}`));
    let received = '';
    socket
      .setEncoding('utf8')
      .on('data', (chunk: string) => (received += chunk))
      .on('end', () => done(received))
      .on('error', fail);
  });
  const answer = parseRawAnswer(text);
  if (!answer) throw new Error(`no complete answer before the socket closed: ${JSON.stringify(text.slice(0, 200))}`);
  return answer;
}

describe('transport rules (SPEC §2)', () => {
  it('415 without a JSON content type', async () => {
    const order = JSON.stringify(minimalOrder());
    expectProblem(await ctx.api.call('POST', '/api/v3/orders', order, { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(
      await ctx.api.call('POST', '/api/v3/orders', order, { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    // a body without any content type, a chunked non-JSON body (judged on its first byte), a DELETE with a body
    expectProblem(
      await rawRequest(ctx.service.url, 'POST', '/api/v3/orders', [`content-length: ${order.length}`], undefined),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await rawRequest(ctx.service.url, 'POST', '/api/v3/orders', ['content-type: text/plain'], ['x'.repeat(256 * 1024)]),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(await rawRequest(ctx.service.url, 'POST', '/api/v3/orders', [], [order]), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(
      await ctx.api.call('DELETE', `/api/v3/orders/${newOrderId()}`, 'x', { 'content-type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('an empty body is no body, whatever the method and content type (no 400, no 415)', async () => {
    const json = { 'content-type': 'application/json' };
    const unknownOrder = newOrderId();
    // DELETE with the JSON content type many clients add to every request
    expectProblem(await ctx.api.call('DELETE', `/api/v3/orders/${unknownOrder}`, undefined, json), 404, 'ORDER_NOT_FOUND');
    expectProblem(await ctx.api.call('DELETE', '/api/v3/contacts/nobody-here', undefined, json), 404, 'CONTACT_NOT_FOUND');
    expectProblem(await ctx.api.call('DELETE', '/api/v3/stores/store-1', undefined, json), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await ctx.api.call('DELETE', '/api/v3/articles/SKU-1', undefined, json), 404, 'ROUTE_NOT_FOUND');
    const order = minimalOrder();
    await ctx.api.waitForJob((await ctx.api.post('/api/v3/orders', order)).headers.get('location')!);
    expect((await ctx.api.call('DELETE', `/api/v3/orders/${order.orderId}`, undefined, json)).status).toBe(202);

    // POST without a body (the retry takes none): every way of sending nothing reaches the handler
    const retry = '/api/v3/automations/dead-letters/no-such-delivery/retry';
    expectProblem(await ctx.api.call('POST', retry), 404, 'DEAD_LETTER_NOT_FOUND');
    expectProblem(await ctx.api.call('POST', retry, undefined, json), 404, 'DEAD_LETTER_NOT_FOUND');
    expectProblem(await ctx.api.call('POST', retry, '', json), 404, 'DEAD_LETTER_NOT_FOUND');
    expectProblem(
      await ctx.api.call('POST', retry, '', { 'content-type': 'application/x-www-form-urlencoded' }),
      404,
      'DEAD_LETTER_NOT_FOUND',
    );
    for (const [headers, chunks] of [
      [[], undefined],
      [['content-type: application/json'], undefined],
      [['content-type: text/plain', 'content-length: 0'], undefined],
      [['content-type: application/json'], []],
      [['content-type: text/plain'], []],
    ] as Array<[string[], string[] | undefined]>) {
      expectProblem(await rawRequest(ctx.service.url, 'POST', retry, headers, chunks), 404, 'DEAD_LETTER_NOT_FOUND');
    }
  });

  it('a route that takes a body answers 400 VALIDATION_FAILED at `$` without one, and changes nothing', async () => {
    for (const answer of [
      await ctx.api.call('POST', '/api/v3/orders'),
      await ctx.api.post('/api/v3/orders', ''),
      await rawRequest(ctx.service.url, 'POST', '/api/v3/orders', ['content-type: application/json'], []),
      await ctx.api.call('PUT', '/api/v3/contacts/body-less', undefined, { 'content-type': 'application/json' }),
    ]) {
      expectProblem(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.errors).toStrictEqual({ $: ['a JSON body is required'] });
    }
    // a register PUT with only optional fields must not read "no body" as {} and empty the entry
    await ctx.api.put('/api/v3/contacts/keeps-data', { email: 'ada@example.com' });
    expectProblem(await ctx.api.call('PUT', '/api/v3/contacts/keeps-data'), 400, 'VALIDATION_FAILED');
    expect((await ctx.api.get('/api/v3/contacts/keeps-data')).body).toEqual({ contactId: 'keeps-data', email: 'ada@example.com' });
  });

  it('413 over 1 MiB', async () => {
    const order = minimalOrder(newOrderId(), 'c', { channel: 'x'.repeat(1024 * 1024) });
    expectProblem(await ctx.api.post('/api/v3/orders', order), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('400 MALFORMED_JSON for broken JSON, prototype poisoning and deep nesting', async () => {
    expectProblem(await ctx.api.post('/api/v3/orders', '{"orderId": '), 400, 'MALFORMED_JSON');
    expectProblem(await ctx.api.post('/api/v3/orders', '{"__proto__": {"admin": true}}'), 400, 'MALFORMED_JSON');
    expectProblem(await ctx.api.post('/api/v3/orders', `${'['.repeat(5000)}${']'.repeat(5000)}`), 400, 'MALFORMED_JSON');
    expectProblem(await ctx.api.post('/api/v3/orders', ' \r\n '), 400, 'MALFORMED_JSON');
  });

  it('400 VALIDATION_FAILED with JSON paths of every failing field', async () => {
    const order = minimalOrder(newOrderId(), 'c', {
      currencyCode: 'XXQ',
      totalPrice: -1,
      lineItems: {
        items: [
          { quantity: 1, article: { sku: 'A' }, totalPrice: 1 },
          { quantity: 0, article: { sku: '' }, totalPrice: 1, returnDetails: { type: 'Normal' } },
        ],
      },
      payments: { items: [{ amount: 5 }] },
    });
    const answer = await ctx.api.post('/api/v3/orders', order);
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(Object.keys(answer.body.errors)).toEqual(
      expect.arrayContaining(['totalPrice', 'lineItems.items[1].quantity', 'lineItems.items[1].article.sku', 'payments.items[0].method']),
    );
  });

  it('domain rules: returnDetails only on Return lines, line ids unique, currency ISO 4217', async () => {
    const returnOnPurchase = minimalOrder(newOrderId(), 'c', {
      lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 1, returnDetails: { type: 'Normal' } }] },
    });
    expect(Object.keys((await ctx.api.post('/api/v3/orders', returnOnPurchase)).body.errors)).toContain('lineItems.items[0].returnDetails');
    const duplicateIds = minimalOrder(newOrderId(), 'c', {
      lineItems: { items: [1, 2].map(() => ({ id: 'same', quantity: 1, article: { sku: 'A' }, totalPrice: 1 })) },
    });
    expect(Object.keys((await ctx.api.post('/api/v3/orders', duplicateIds)).body.errors)).toContain('lineItems.items[1].id');
    const currency = await ctx.api.post('/api/v3/orders', minimalOrder(newOrderId(), 'c', { currencyCode: 'ABC' }));
    expect(currency.body.errors).toHaveProperty('currencyCode');
  });

  it('unknown routes are 404 problems; an orderId over 100 characters never exists', async () => {
    expectProblem(await ctx.api.get('/api/v3/nothing-here'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await ctx.api.get(`/api/v3/orders/${'x'.repeat(5000)}`), 404, 'ORDER_NOT_FOUND');
  });

  it('a path with a malformed percent-escape is a 400 BAD_URL problem; an over-long path segment a 414 problem', async () => {
    for (const path of ['/api/v3/orders/%FF', '/api/v3/orders/%E0%A4%A', '/api/v3/orders/%FF/history?offset=0']) {
      const answer = await ctx.api.get(path, { 'x-request-id': 'bad-url-1' });
      expectProblem(answer, 400, 'BAD_URL');
      expect(answer.body).toMatchObject({ type: '/problems/BAD_URL', instance: path.split('?')[0] });
      expect(answer.headers.get('x-request-id')).toBe('bad-url-1');
    }
    expectProblem(await ctx.api.call('DELETE', '/api/v3/orders/%C0%AF', undefined, { 'content-type': 'application/json' }), 400, 'BAD_URL');
    expectProblem(await ctx.api.get(`/api/v3/orders/${'x'.repeat(12_000)}`), 414, 'URI_TOO_LONG');
  });

  it('what Node refuses before routing is a problem too, and the connection is closed: 431 header block, 400 unparsable request, 413 chunk extension', async () => {
    const cases: Array<[string, number, string]> = [
      // a header block over Node's 16 KiB
      [`GET /api/v3/orders?contactId=c-1 HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(17 * 1024)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
      // a header name with a space, and a request line that is not HTTP
      ['GET /health/live HTTP/1.1\r\nhost: x\r\nbad header: 1\r\n\r\n', 400, 'BAD_REQUEST'],
      ['HELLO\r\n\r\n', 400, 'BAD_REQUEST'],
      // a chunk extension over Node's 16 KiB
      [
        `POST /api/v3/orders HTTP/1.1\r\nhost: x\r\napikey: ${TEST_ADMIN_API_KEY}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1;${'e'.repeat(17 * 1024)}\r\n`,
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];
    for (const [request, status, code] of cases) {
      const connection = await RawConnection.open(ctx.service.url);
      connection.write(request);
      const answer = await connection.answer();
      expect(answer, code).toBeDefined();
      expectProblem(answer!, status, code);
      expect(answer!.headers.get('connection')).toBe('close');
      await connection.closedWithin(5000);
    }
    // the service goes on serving
    expect((await ctx.api.get('/health/live')).status).toBe(200);
  });
});
