import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROBLEM_CATALOG } from '../common/problem/problem-catalog';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { HTTP_METHODS } from './complete-document';
import { lintOpenApiDocument } from './openapi-lint';

/**
 * The success answers without a body, by `method path status`, and why. Any other 2xx/3xx answer of any
 * operation must document its body's schema: a route added without one fails 'documents a schema for
 * every answer'.
 */
const SUCCESS_WITHOUT_BODY: Record<string, string> = {
  'delete /api/v3/contacts/{contactId} 204': 'the contact is deleted; there is nothing left to show',
  'delete /api/v3/automations/endpoints/{id} 204': 'the endpoint is removed; there is nothing left to show',
  'delete /api/v3/segments/{segmentId} 204': 'the segment is deleted; there is nothing left to show',
};

/** The error answers that are not problem+json, by `method path status`, and why. */
const ERRORS_NOT_PROBLEMS: Record<string, string> = {
  'get /health/live 503': "terminus' own health body (status, info, error, details): what probes and dashboards read",
  'get /health/ready 503': "terminus' own health body (status, info, error, details): what probes and dashboards read",
};

/** Routes that are not API operations: Swagger UI and the document itself; the console's static files and `GET /` (a redirect to it). */
const NOT_OPERATIONS = /^\/(?:docs(?:[/-]|$)|console(?:\/|$)|$)/;

/** Fastify's `/orders/:orderId` (optionally with a regexp) as OpenAPI's `/orders/{orderId}`. */
const openApiPath = (url: string): string => url.replace(/:(\w+)(?:\([^)]*\))?/g, '{$1}');

let app: NestFastifyApplication;
let dataDir: string;
let document: any;
const routes = new Set<string>();
/** @nestjs/swagger's warnings while it built the document (e.g. two DTO classes with one name) */
const swaggerWarnings: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'orders-openapi-'));
  const warn = vi.spyOn(Logger, 'warn').mockImplementation((message: unknown) => void swaggerWarnings.push(String(message)));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', ADMIN_API_KEY: 'openapi-test-key-0123456789' }));
  // Nest registers its routes on Fastify in init(): record every one of them as it is registered
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.add(`${method.toLowerCase()} ${route.url}`);
  });
  warn.mockRestore();
  await app.init();
  const answer = await fastify.inject({ method: 'GET', url: '/docs-json' });
  expect(answer.statusCode).toBe(200);
  document = answer.json();
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const documented = (): Set<string> =>
  new Set(
    Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => `${method} ${path}`),
    ),
  );

/** Every route the running app serves, as `method /openapi/{path}`; HEAD twins of GET routes are Fastify's, not ours. */
const served = (): string[] =>
  [...routes]
    .map((route) => route.split(' ') as [string, string])
    .filter(([method, url]) => !NOT_OPERATIONS.test(url) && !(method === 'head' && routes.has(`get ${url}`)))
    .map(([method, url]) => `${method} ${openApiPath(url)}`);

describe('the OpenAPI document served at /docs-json', () => {
  it('is a sound OpenAPI 3 document: every $ref resolves, unique operationIds, responses everywhere, errors as Problem', () => {
    expect(lintOpenApiDocument(document)).toStrictEqual([]);
  });

  it('names every schema once: two DTO classes with one name would make one of them document the other', () => {
    // swagger keeps one schema per class name, so e.g. a second `ContactDto` silently replaces the order's contact
    expect(swaggerWarnings.filter((message) => message.includes('Duplicate DTO')).map((message) => message.split('\n')[0])).toStrictEqual(
      [],
    );
    expect(document.components.schemas.ContactDto?.required).toEqual(['matchKey', 'matchKeyType']);
  });

  it('documents every route the app serves — whoever added it — and nothing it does not serve', () => {
    const operations = documented();
    expect(served().length).toBeGreaterThan(10);

    expect(
      served().filter((route) => !operations.has(route)),
      'routes missing from the document',
    ).toStrictEqual([]);
    expect(
      [...operations].filter((operation) => !served().includes(operation)),
      'documented but not served',
    ).toStrictEqual([]);
    console.log(
      `${served().length} routes served, ${operations.size} operations documented on ${Object.keys(document.paths).length} paths`,
    );
  });

  it('documents a schema for every answer: each success answer has a body schema (or is a listed body-less one), each error is a Problem', () => {
    const missing: string[] = [];
    const listed = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
      for (const method of HTTP_METHODS.filter((m) => item[m])) {
        const responses: Record<string, any> = item[method].responses;
        const successes = Object.keys(responses).filter((status) => /^[23]/.test(status));
        if (successes.length === 0) missing.push(`${method} ${path}: no success answer`);
        for (const [status, response] of Object.entries(responses)) {
          const key = `${method} ${path} ${status}`;
          const media = Object.entries<any>(response.content ?? {});
          if (/^[23]/.test(status)) {
            if (key in SUCCESS_WITHOUT_BODY) {
              listed.add(key);
              if (media.length > 0) missing.push(`${key}: listed as body-less but documents a body`);
            } else if (media.length === 0 || media.some(([, m]) => !m.schema || Object.keys(m.schema).length === 0)) {
              missing.push(`${key}: no body schema`);
            }
          } else if (/^[45]/.test(status)) {
            if (key in ERRORS_NOT_PROBLEMS) {
              listed.add(key);
              if (media.length === 0 || media.some(([, m]) => !m.schema)) missing.push(`${key}: no body schema`);
            } else if (
              response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem' ||
              media.length !== 1
            ) {
              missing.push(`${key}: not application/problem+json with schema Problem`);
            }
          }
        }
      }
    }
    expect(missing).toStrictEqual([]);
    // a listed exception that no longer exists is a stale excuse
    expect([...Object.keys(SUCCESS_WITHOUT_BODY), ...Object.keys(ERRORS_NOT_PROBLEMS)].filter((key) => !listed.has(key))).toStrictEqual([]);
  });

  it('gives the answers that had none their schemas: history, projections, registers, E7, automations, saved segments', () => {
    const schema = (path: string, method: string, status: string) =>
      document.paths[path][method].responses[status].content['application/json'].schema.$ref.split('/').pop();
    expect({
      history: schema('/api/v3/orders/{orderId}/history', 'get', '200'),
      projections: schema('/api/v3/admin/projections', 'get', '200'),
      contactPut201: schema('/api/v3/contacts/{contactId}', 'put', '201'),
      contactPut200: schema('/api/v3/contacts/{contactId}', 'put', '200'),
      contactGet: schema('/api/v3/contacts/{contactId}', 'get', '200'),
      articleGet: schema('/api/v3/articles/{sku}', 'get', '200'),
      storeGet: schema('/api/v3/stores/{externalStoreId}', 'get', '200'),
      action: schema('/api/v3/orders/{orderId}/action', 'post', '202'),
      endpointCreate: schema('/api/v3/automations/endpoints', 'post', '201'),
      endpointList: schema('/api/v3/automations/endpoints', 'get', '200'),
      endpointGet: schema('/api/v3/automations/endpoints/{id}', 'get', '200'),
      deadLetters: schema('/api/v3/automations/dead-letters', 'get', '200'),
      retry: schema('/api/v3/automations/dead-letters/{id}/retry', 'post', '202'),
      deliveries: schema('/api/v3/automations/deliveries', 'get', '200'),
      segments: schema('/api/v3/segments', 'get', '200'),
    }).toStrictEqual({
      history: 'OrderHistoryPage',
      projections: 'ProjectionStatusList',
      contactPut201: 'RegisteredContact',
      contactPut200: 'RegisteredContact',
      contactGet: 'RegisteredContact',
      articleGet: 'RegisteredArticle',
      storeGet: 'RegisteredStore',
      action: 'Job',
      endpointCreate: 'AutomationEndpoint',
      endpointList: 'AutomationEndpointPage',
      endpointGet: 'AutomationEndpoint',
      deadLetters: 'AutomationDeadLetterPage',
      retry: 'AutomationRetryAccepted',
      deliveries: 'AutomationDeliveryPage',
      segments: 'SavedSegmentPageDto',
    });
  });

  it("shows in every problem example a code of the catalog whose type is that code's page", () => {
    const examples = Object.values<Record<string, any>>(document.paths).flatMap((item) =>
      HTTP_METHODS.flatMap((method) => Object.values<any>(item[method]?.responses ?? {})),
    );
    const problems = examples.map((response) => response.content?.['application/problem+json']?.example).filter(Boolean);
    expect(problems.length).toBeGreaterThan(100);
    for (const example of problems) {
      expect(Object.keys(PROBLEM_CATALOG), JSON.stringify(example)).toContain(example.code);
      expect(example.type).toBe(`/problems/${example.code}`);
      // HTTP_ERROR carries the status of the framework's refusal
      if (example.code !== 'HTTP_ERROR') expect(example.status).toBe(PROBLEM_CATALOG[example.code as keyof typeof PROBLEM_CATALOG].status);
    }
    const contact404 = document.paths['/api/v3/contacts/{contactId}'].get.responses['404'].content['application/problem+json'].example;
    expect(contact404).toMatchObject({ code: 'CONTACT_NOT_FOUND', title: 'Contact not found', type: '/problems/CONTACT_NOT_FOUND' });
  });

  it('links the problem pages from the description of /docs', () => {
    expect(document.info.description).toContain('[/problems](/problems)');
    expect(document.components.schemas.Problem.properties.type).toMatchObject({
      format: 'uri-reference',
      example: '/problems/ORDER_NOT_FOUND',
    });
  });

  it('lists every endpoint of SPEC §2 and the operations endpoints', () => {
    const operations = documented();
    for (const endpoint of [
      'get /api/v3/orders', // E1
      'post /api/v3/orders', // E2
      'get /api/v3/orders/{orderId}', // E3
      'put /api/v3/orders/{orderId}', // E4
      'delete /api/v3/orders/{orderId}', // E5
      'get /api/v3/orders/jobs/{jobId}', // E6
      'post /api/v3/orders/{orderId}/change-status', // E8
      'post /api/v3/orders/{orderId}/change-delivery', // E9
      'get /api/v3/orders/{orderId}/warnings',
      'get /health/live',
      'get /health/ready',
      'get /metrics',
      'get /problems',
      'get /problems/{code}',
    ]) {
      expect(operations.has(endpoint), endpoint).toBe(true);
    }
  });

  it('documents a change as 202 with the Job body and its Location, and its error answers as Problem', () => {
    const register = document.paths['/api/v3/orders'].post;

    expect(register.responses['202'].headers.Location).toBeDefined();
    expect(register.responses['202'].content['application/json'].schema).toStrictEqual({ $ref: '#/components/schemas/Job' });
    for (const status of ['400', '409', '413', '415', '422', '429']) {
      expect(register.responses[status]?.content['application/problem+json'].schema, status).toStrictEqual({
        $ref: '#/components/schemas/Problem',
      });
    }
    expect(register.responses['400'].content['application/problem+json'].example.errors).toBeDefined();
    expect(document.components.schemas.Problem.properties.errors).toMatchObject({ type: 'object' });
  });

  it('documents the job answers 200 and 302, and 404/412 on changes of an existing order', () => {
    const job = document.paths['/api/v3/orders/jobs/{jobId}'].get;
    expect(Object.keys(job.responses)).toEqual(expect.arrayContaining(['200', '302', '404']));
    expect(job.responses['302'].headers.Location).toBeDefined();

    const replace = document.paths['/api/v3/orders/{orderId}'].put;
    expect(Object.keys(replace.responses)).toEqual(expect.arrayContaining(['202', '400', '404', '412', '413', '415', '422', '429']));
  });

  it('documents a register PUT as 201 for a new entry and 200 for a replaced one', () => {
    for (const path of ['/api/v3/contacts/{contactId}', '/api/v3/articles/{sku}', '/api/v3/stores/{externalStoreId}']) {
      expect(Object.keys(document.paths[path].put.responses), path).toEqual(expect.arrayContaining(['200', '201']));
    }
  });

  it('gives the read endpoints their body schemas', () => {
    expect(document.paths['/api/v3/orders/{orderId}'].get.responses['200'].content['application/json'].schema).toStrictEqual({
      $ref: '#/components/schemas/Order',
    });
    expect(document.paths['/api/v3/orders'].get.responses['200'].content['application/json'].schema).toStrictEqual({
      $ref: '#/components/schemas/OrderPage',
    });
  });
});
