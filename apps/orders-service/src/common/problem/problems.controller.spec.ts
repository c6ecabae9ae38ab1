import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../../create-app';
import { PROBLEM_CATALOG, PROBLEM_CODES } from './problem-catalog';

const ROOT = resolve(__dirname, '../../../../..');

let app: NestFastifyApplication;
let fastify: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'orders-problems-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', ADMIN_API_KEY: 'problems-test-key-0123456789' }));
  await app.init();
  fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The production source files (no specs, no tests) under a directory. */
function sources(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !/[.-]spec\.ts$/.test(file))
    .map((file) => join(directory, file));
}

/**
 * Every code the code base can answer with, found by reading its sources the way a reviewer would grep
 * them: `new ApiError(<status>, '<CODE>'`, `new ApplicationError('<CODE>'`, the mapper's `problemOf(<status>,
 * '<CODE>'` and its status → code table. With the status where it is written next to the code.
 */
function codesInSources(): Map<string, Set<number | undefined>> {
  const found = new Map<string, Set<number | undefined>>();
  const add = (code: string, status?: string) => found.set(code, (found.get(code) ?? new Set()).add(status ? Number(status) : undefined));
  const files = [...sources(join(ROOT, 'apps/orders-service/src')), ...sources(join(ROOT, 'libs/application/src'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new ApiError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[2]!, m[1]);
    for (const m of text.matchAll(/problemOf\(\s*(\d{3}|\w+),\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[2]!, /^\d+$/.test(m[1]!) ? m[1] : undefined);
    for (const m of text.matchAll(/new ApplicationError\(\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[1]!);
    for (const m of text.matchAll(/\?\? '([A-Z][A-Z0-9_]*)'/g)) if (file.endsWith('problem.mapper.ts')) add(m[1]!);
    const faults = /STORAGE_FAULT_ANSWER[^=]*= \{([\s\S]*?)\n\};/.exec(text)?.[1];
    for (const m of (faults ?? '').matchAll(/code: '([A-Z][A-Z0-9_]*)'/g)) add(m[1]!);
    const table = /HTTP_STATUS_CODES: Record<number, ProblemCode> = \{([^}]*)\}/.exec(text)?.[1];
    for (const m of (table ?? '').matchAll(/(\d{3}): '([A-Z][A-Z0-9_]*)'/g)) add(m[2]!, m[1]);
  }
  return found;
}

const get = (url: string, headers: Record<string, string> = {}) => fastify.inject({ method: 'GET', url, headers });

describe('the problem catalog', () => {
  it('has a row for every code the sources answer with, with the status they answer it with — and no row for a code never answered', () => {
    const found = codesInSources();
    // the refusals of the transport and framework are in it too, not only the business codes
    for (const code of ['BAD_URL', 'URI_TOO_LONG', 'REQUEST_TIMEOUT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'HEADERS_TOO_LARGE']) {
      expect(found.has(code), `${code} found in the sources`).toBe(true);
    }
    for (const code of [
      'MALFORMED_JSON',
      'UNSUPPORTED_MEDIA_TYPE',
      'STORE_BUSY',
      'INTERNAL_ERROR',
      'ROUTE_NOT_FOUND',
      'ORDER_HAS_NO_CONTACT',
    ]) {
      expect(found.has(code), `${code} found in the sources`).toBe(true);
    }

    expect([...found.keys()].filter((code) => !(code in PROBLEM_CATALOG)).sort(), 'codes without a row').toStrictEqual([]);
    const wrongStatus = [...found].flatMap(([code, statuses]) =>
      [...statuses]
        .filter((status) => status !== undefined && status !== PROBLEM_CATALOG[code as keyof typeof PROBLEM_CATALOG]?.status)
        .map((status) => `${code}: answered ${status}, catalog says ${PROBLEM_CATALOG[code as keyof typeof PROBLEM_CATALOG]?.status}`),
    );
    expect(wrongStatus).toStrictEqual([]);
    expect(
      PROBLEM_CODES.filter((code) => !found.has(code)),
      'rows for codes the sources never answer',
    ).toStrictEqual([]);
  });

  it('says for every code when it happens and what to do, in sentences', () => {
    for (const code of PROBLEM_CODES) {
      const { status, title, when, fix } = PROBLEM_CATALOG[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(title.length, code).toBeGreaterThan(2);
      expect(when, code).toMatch(/^\S.{10,}\.$/s);
      expect(fix, code).toMatch(/^\S.{10,}\.$/s);
    }
  });
});

describe('GET /problems/<code>', () => {
  it('serves a page for every code of the catalog, without an API key: its title, status, when and what to do', async () => {
    for (const code of PROBLEM_CODES) {
      const answer = await get(`/problems/${code}`);
      const entry = PROBLEM_CATALOG[code];

      expect(answer.statusCode, code).toBe(200);
      expect(answer.headers['content-type'], code).toBe('text/html; charset=utf-8');
      expect(answer.body, code).toContain(`<code>${code}</code>`);
      expect(answer.body, code).toContain(`<h1>${entry.title}</h1>`);
      expect(answer.body, code).toContain(`<dd>${entry.status} `);
      expect(answer.body, code).toContain('When it happens');
      expect(answer.body, code).toContain('What to do');
    }
  });

  it('is where the `type` of a real problem answer leads', async () => {
    const problem = (await get('/api/v3/orders/nope', { apikey: 'problems-test-key-0123456789' })).json();
    expect(problem).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND', type: '/problems/ORDER_NOT_FOUND' });

    const target = new URL(problem.type, 'http://orders.test/api/v3/orders/nope');
    const page = await get(target.pathname);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Order not found</h1>');
  });

  it('finds a code written in lower case with hyphens', async () => {
    const answer = await get('/problems/order-not-found');
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('<code>ORDER_NOT_FOUND</code>');
  });

  it('answers an unknown code — or an object key such as __proto__ — with 404 problem+json', async () => {
    for (const code of ['NO_SUCH_CODE', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const answer = await get(`/problems/${code}`);
      expect(answer.statusCode, code).toBe(404);
      expect(answer.headers['content-type'], code).toMatch(/^application\/problem\+json/);
      expect(answer.json(), code).toMatchObject({
        type: '/problems/PROBLEM_TYPE_NOT_FOUND',
        status: 404,
        code: 'PROBLEM_TYPE_NOT_FOUND',
        instance: `/problems/${code}`,
      });
    }
  });

  it('is not under /api/v3', async () => {
    expect((await get('/api/v3/problems/ORDER_NOT_FOUND', { apikey: 'problems-test-key-0123456789' })).statusCode).toBe(404);
  });
});

describe('GET /problems', () => {
  it('lists every code, each linking to its page, without an API key', async () => {
    const answer = await get('/problems');

    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const linked = [...answer.body.matchAll(/<a href="\/problems\/([A-Z_]+)">/g)].map((m) => m[1]);
    expect(linked.sort()).toStrictEqual([...PROBLEM_CODES].sort());
    expect(answer.body).toContain('<a href="/docs">');
  });

  it('is linked from the Swagger UI description at /docs', async () => {
    const document = (await get('/docs-json')).json();
    expect(document.info.description).toContain('](/problems)');
  });
});
