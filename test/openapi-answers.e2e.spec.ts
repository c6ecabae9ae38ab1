import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { type JsonResponse } from './support/http';
import { fullOrder, newOrderId } from './support/orders';
import { useService } from './support/service-process';

/**
 * Real answers of the built service, checked against the OpenAPI document it serves: every answer's
 * status must be documented for its operation, and its body must match the schema documented for that
 * status and media type (JSON Schema validation by ajv, with OpenAPI's `nullable`).
 */
const ctx = useService();

let document: any;
let ajv: Ajv;
const validators = new Map<string, ValidateFunction>();
const checked = new Set<string>();

beforeAll(async () => {
  const answer = await ctx.api.get('/docs-json');
  expect(answer.status).toBe(200);
  document = answer.body;
  // strict off: OpenAPI's `example` and friends are not JSON Schema keywords
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: { schemas: toJsonSchema(document.components.schemas) } });
});

/**
 * An OpenAPI 3.0 schema as JSON Schema draft 7 for ajv: `$ref`s into the added document, boolean
 * `exclusiveMinimum`/`exclusiveMaximum` as numbers, `nullable` without a `type` as "or null".
 */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\/components\//, 'openapi.json#/components/');
    else if (key === 'example' || key === 'examples') continue;
    else out[key] = toJsonSchema(value);
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true) [out[exclusive], out[bound]] = [out[bound], undefined];
    if (out[exclusive] === false) delete out[exclusive];
    if (out[bound] === undefined) delete out[bound];
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** Asserts that the answer's status is documented for `method path` and that its body matches that status's schema. */
function expectDocumented(method: string, path: string, answer: JsonResponse): void {
  const operation = document.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const response = operation.responses[String(answer.status)];
  expect(response, `${method} ${path} documents ${answer.status}: ${JSON.stringify(answer.body)}`).toBeDefined();
  const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const key = `${method} ${path} ${answer.status}`;
  checked.add(key);
  if (!response.content) {
    expect(answer.body, `${key} has no body`).toBeUndefined();
    return;
  }
  const media = response.content[mediaType];
  expect(media, `${key} documents ${mediaType}`).toBeDefined();
  const cacheKey = `${key} ${mediaType}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(media.schema));
    validators.set(cacheKey, validate);
  }
  const valid = validate(answer.body);
  expect(valid ? [] : validate.errors, `${key}: ${JSON.stringify(answer.body).slice(0, 400)}`).toStrictEqual([]);
}

/** Polls `read` until `done` holds (the read models follow the log asynchronously). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('real answers match the OpenAPI document', () => {
  it('the registers: PUT (201 and 200), GET and DELETE of contacts, articles and stores', async () => {
    const api = ctx.api;
    const contactId = newOrderId('contact');
    const contact = { email: 'Ada@Example.com', mobilePhone: '+46 70 123 45 67', firstName: 'Ada' };
    expectDocumented('put', '/api/v3/contacts/{contactId}', await api.put(`/api/v3/contacts/${contactId}`, contact));
    expectDocumented('put', '/api/v3/contacts/{contactId}', await api.put(`/api/v3/contacts/${contactId}`, { ...contact, lastName: 'L' }));
    expectDocumented('get', '/api/v3/contacts/{contactId}', await api.get(`/api/v3/contacts/${contactId}`));
    expectDocumented('delete', '/api/v3/contacts/{contactId}', await api.delete(`/api/v3/contacts/${contactId}`));
    expectDocumented('get', '/api/v3/contacts/{contactId}', await api.get(`/api/v3/contacts/${contactId}`));

    expectDocumented(
      'put',
      '/api/v3/articles/{sku}',
      await api.put('/api/v3/articles/SKU-OA', { name: 'Shirt', attributes: { size: 42 } }),
    );
    expectDocumented('put', '/api/v3/articles/{sku}', await api.put('/api/v3/articles/SKU-OA', {}));
    expectDocumented('get', '/api/v3/articles/{sku}', await api.get('/api/v3/articles/SKU-OA'));
    expectDocumented('get', '/api/v3/articles/{sku}', await api.get('/api/v3/articles/NO-SUCH-SKU'));

    expectDocumented('put', '/api/v3/stores/{externalStoreId}', await api.put('/api/v3/stores/S-OA', { name: 'Sthlm', country: 'se' }));
    expectDocumented('get', '/api/v3/stores/{externalStoreId}', await api.get('/api/v3/stores/S-OA'));
    expectDocumented('put', '/api/v3/stores/{externalStoreId}', await api.put('/api/v3/stores/S-OA', { country: 'XX' }));
  });

  it('an order: E2, E6, E3, E1, the warnings, E7 and its history, the projections', async () => {
    const api = ctx.api;
    const contactId = newOrderId('c-oa');
    const order = fullOrder(newOrderId('oa'), contactId);
    expectDocumented('put', '/api/v3/contacts/{contactId}', await api.put(`/api/v3/contacts/${contactId}`, { firstName: 'Ada' }));

    const accepted = await api.post('/api/v3/orders', order);
    expectDocumented('post', '/api/v3/orders', accepted);
    expectDocumented('get', '/api/v3/orders/jobs/{jobId}', await api.waitForJob(accepted.headers.get('location')!));
    expectDocumented('post', '/api/v3/orders', await api.post('/api/v3/orders', order));

    const read = await api.get(`/api/v3/orders/${order.orderId}`);
    expectDocumented('get', '/api/v3/orders/{orderId}', read);
    expectDocumented('get', '/api/v3/orders', await api.get(`/api/v3/orders?contactId=${contactId}&count=1`));
    expectDocumented('get', '/api/v3/orders/{orderId}/warnings', await api.get(`/api/v3/orders/${order.orderId}/warnings`));

    const action = await api.post(`/api/v3/orders/${order.orderId}/action`, { versionTag: read.body.versionTag, action: 'ConfirmOrder' });
    expectDocumented('post', '/api/v3/orders/{orderId}/action', action);
    expect(action.status, JSON.stringify(action.body)).toBe(202);
    const stale = await api.post(`/api/v3/orders/${order.orderId}/action`, { versionTag: '9-00000000', action: 'ConfirmOrder' });
    expectDocumented('post', '/api/v3/orders/{orderId}/action', stale);

    const history = await eventually(
      () => api.get(`/api/v3/orders/${order.orderId}/history?count=1&offset=1`),
      (answer) => answer.body?.totalCount === 2,
    );
    expect(history.body.items[0].type).toBe('OrderActionRequested');
    expectDocumented('get', '/api/v3/orders/{orderId}/history', history);
    expectDocumented('get', '/api/v3/orders/{orderId}/history', await api.get(`/api/v3/orders/${order.orderId}/history`));
    expectDocumented('get', '/api/v3/admin/projections', await api.get('/api/v3/admin/projections'));
  });

  it('automations: endpoints and dead letters (an endpoint registered after the last action, so nothing is delivered to it)', async () => {
    const api = ctx.api;
    expectDocumented('get', '/api/v3/automations/endpoints', await api.get('/api/v3/automations/endpoints'));
    const created = await api.post('/api/v3/automations/endpoints', {
      url: 'http://127.0.0.1:9/never-called',
      secret: 'a-secret-of-20-chars',
      actions: ['ConfirmOrder'],
    });
    expectDocumented('post', '/api/v3/automations/endpoints', created);
    if (created.status === 201) {
      expectDocumented('get', '/api/v3/automations/endpoints', await api.get('/api/v3/automations/endpoints'));
      expectDocumented('get', '/api/v3/automations/endpoints/{id}', await api.get(`/api/v3/automations/endpoints/${created.body.id}`));
      expectDocumented(
        'delete',
        '/api/v3/automations/endpoints/{id}',
        await api.delete(`/api/v3/automations/endpoints/${created.body.id}`),
      );
    }
    expectDocumented('get', '/api/v3/automations/endpoints/{id}', await api.get('/api/v3/automations/endpoints/nope'));
    expectDocumented('get', '/api/v3/automations/dead-letters', await api.get('/api/v3/automations/dead-letters?count=5'));
    expectDocumented(
      'post',
      '/api/v3/automations/dead-letters/{id}/retry',
      await api.post('/api/v3/automations/dead-letters/nope/retry', undefined),
    );
  });

  it("the console's listings: api-key, contacts, articles, stores, recent orders, a contact's order summary", async () => {
    const api = ctx.api;
    const contactId = newOrderId('listed');
    expect((await api.put(`/api/v3/contacts/${contactId}`, { email: `${contactId}@example.com`, firstName: 'Ada' })).status).toBe(201);
    expect((await api.put('/api/v3/articles/SKU-LISTED', { name: 'Listed', attributes: { size: 42 } })).status).toBe(201);
    expect((await api.put('/api/v3/stores/S-LISTED', { name: 'Listed', country: 'SE' })).status).toBe(201);
    const accepted = await api.post('/api/v3/orders', fullOrder(newOrderId('listed'), contactId));
    expect((await api.waitForJob(accepted.headers.get('location')!)).status).toBe(302);
    await eventually(
      () => api.get(`/api/v3/contacts?email=${contactId}@example.com`),
      (answer) => answer.body?.totalCount === 1,
    );
    expectDocumented('get', '/api/v3/api-key', await api.get('/api/v3/api-key'));
    expectDocumented('get', '/api/v3/contacts', await api.get(`/api/v3/contacts?email=${contactId}@example.com`));
    expectDocumented('get', '/api/v3/contacts', await api.get('/api/v3/contacts?count=1'));
    expectDocumented('get', '/api/v3/contacts', await api.get('/api/v3/contacts?mobilePhone=123'));
    expectDocumented('get', '/api/v3/articles', await api.get('/api/v3/articles?q=listed&count=1'));
    expectDocumented('get', '/api/v3/stores', await api.get('/api/v3/stores?count=1'));
    expectDocumented('get', '/api/v3/recent-orders', await api.get('/api/v3/recent-orders?count=1'));
    expectDocumented('get', '/api/v3/recent-orders', await api.get('/api/v3/recent-orders?count=0'));
    const summary = await api.get(`/api/v3/contacts/${contactId}/order-summary`);
    expect(summary.body.orderCount).toBe(1);
    expectDocumented('get', '/api/v3/contacts/{contactId}/order-summary', summary);
  });

  it('saved segments: create, list, read, run, delete', async () => {
    const api = ctx.api;
    const created = await api.post('/api/v3/segments', {
      name: 'OpenAPI check',
      filter: { field: 'status', op: 'eq', value: 'Completed' },
    });
    expectDocumented('post', '/api/v3/segments', created);
    expectDocumented('get', '/api/v3/segments', await api.get('/api/v3/segments?count=1'));
    expectDocumented('get', '/api/v3/segments/{segmentId}', await api.get(`/api/v3/segments/${created.body.segmentId}`));
    expectDocumented('get', '/api/v3/segments/{segmentId}/contacts', await api.get(`/api/v3/segments/${created.body.segmentId}/contacts`));
    expectDocumented('delete', '/api/v3/segments/{segmentId}', await api.delete(`/api/v3/segments/${created.body.segmentId}`));
  });

  it('problems: a query without contactId is told "contactId is required", and its type leads to a page', async () => {
    const missing = await ctx.api.get('/api/v3/orders');
    expectDocumented('get', '/api/v3/orders', missing);
    expect(missing.body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      type: '/problems/VALIDATION_FAILED',
      errors: { contactId: ['contactId is required'] },
    });
    expect((await ctx.api.get('/api/v3/orders?contactId=c&count=0')).body.errors).toStrictEqual({
      count: ['count must be an integer from 1 to 100'],
    });

    const page = await fetch(new URL(missing.body.type, `${ctx.service.url}/api/v3/orders`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<code>VALIDATION_FAILED</code>');

    const unknown = await ctx.api.get('/problems/NO_SUCH_CODE', { apikey: '' });
    expectDocumented('get', '/problems/{code}', unknown);
    expect(unknown.body).toMatchObject({ status: 404, code: 'PROBLEM_TYPE_NOT_FOUND' });
  });

  it('checked a success answer of every route that had no response schema', () => {
    const successes = [...checked].filter((key) => /\s2\d\d$/.test(key));
    for (const route of [
      'get /api/v3/orders/{orderId}/history 200',
      'get /api/v3/admin/projections 200',
      'put /api/v3/contacts/{contactId} 201',
      'put /api/v3/contacts/{contactId} 200',
      'get /api/v3/contacts/{contactId} 200',
      'delete /api/v3/contacts/{contactId} 204',
      'put /api/v3/articles/{sku} 201',
      'put /api/v3/articles/{sku} 200',
      'get /api/v3/articles/{sku} 200',
      'put /api/v3/stores/{externalStoreId} 201',
      'get /api/v3/stores/{externalStoreId} 200',
      'post /api/v3/orders/{orderId}/action 202',
      'get /api/v3/automations/endpoints 200',
      'get /api/v3/automations/dead-letters 200',
      'get /api/v3/segments 200',
      'get /api/v3/api-key 200',
      'get /api/v3/contacts 200',
      'get /api/v3/articles 200',
      'get /api/v3/stores 200',
      'get /api/v3/recent-orders 200',
      'get /api/v3/contacts/{contactId}/order-summary 200',
    ]) {
      expect(successes, route).toContain(route);
    }
  });
});
