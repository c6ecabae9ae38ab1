import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

/** The order-view console's static files (CONSOLE_DIR), served by the service without an API key. */
const FIXTURE = resolve(__dirname, 'fixtures/console');
const INDEX = readFileSync(join(FIXTURE, 'index.html'), 'utf8');

const services: ServiceHandle[] = [];
const dirs: string[] = [];
async function serve(env: Record<string, string>): Promise<ServiceHandle> {
  const service = await startService({ env });
  services.push(service);
  return service;
}
afterAll(async () => {
  for (const service of services) {
    await service.stop();
    removeDataDir(service.dataDir);
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** fetch without a key and without following redirects */
const get = (service: ServiceHandle, path: string, headers: Record<string, string> = {}) =>
  fetch(`${service.url}${path}`, { redirect: 'manual', headers });

describe('console enabled (CONSOLE_DIR with a built console)', () => {
  let service: ServiceHandle;
  beforeAll(async () => {
    service = await serve({ CONSOLE_DIR: FIXTURE });
  });

  it('GET / redirects to /console', async () => {
    const answer = await get(service, '/');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/console');
  });

  it('serves index.html at /console and, for paths without a file extension, anywhere below it (the app routes in the browser)', async () => {
    for (const path of ['/console', '/console/', '/console/contacts/c-42', '/console/orders/A-1001/timeline?versionTag=1-x']) {
      const answer = await get(service, path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(answer.headers.get('cache-control'), path).toBe('no-cache');
      expect(await answer.text(), path).toBe(INDEX);
    }
  });

  it('sends a strict Content-Security-Policy: own origin only, no inline script, not framed', async () => {
    const answer = await get(service, '/console/contacts');
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(service, '/console/assets/app-3f9a2c1e.js')).headers.get('content-security-policy')).toBe(csp);
  });

  it('serves files by path; hashed assets are immutable; a missing file is a 404 problem, not index.html', async () => {
    const script = await get(service, '/console/assets/app-3f9a2c1e.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    expect(await script.text()).toContain('console fixture script ran');
    const robots = await get(service, '/console/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('cache-control')).not.toMatch(/immutable/);
    const missing = await get(service, '/console/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('never serves outside CONSOLE_DIR', async () => {
    for (const path of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/assets/..%2f..%2f..%2fpackage.json']) {
      const answer = await get(service, path);
      expect([400, 403, 404], path).toContain(answer.status);
      expect(await answer.text(), path).not.toContain('"name": "orders-service"');
    }
  });

  it('needs no API key, and the API still does', async () => {
    expect((await get(service, '/console', { apikey: 'not-a-valid-key-at-all-0000' })).status).toBe(200);
    expect((await get(service, '/api/v3/api-key')).status).toBe(401);
  });
});

describe('console enabled but not built', () => {
  it('answers 503 CONSOLE_NOT_BUILT at /console and below; GET / still redirects there', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-empty-'));
    dirs.push(empty);
    const service = await serve({ CONSOLE_DIR: empty });
    for (const path of ['/console', '/console/contacts', '/console/assets/app.js']) {
      const answer = await get(service, path);
      expect(answer.status, path).toBe(503);
      expect(answer.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      const body = (await answer.json()) as { detail: string };
      expect(body, path).toMatchObject({ status: 503, code: 'CONSOLE_NOT_BUILT' });
      expect(body.detail, path).not.toContain(empty);
    }
    expect((await get(service, '/')).headers.get('location')).toBe('/console');
  });
});

describe('CONSOLE_ENABLED=false', () => {
  it('GET / redirects to /docs and /console is not served', async () => {
    const service = await serve({ CONSOLE_DIR: FIXTURE, CONSOLE_ENABLED: 'false' });
    const root = await get(service, '/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/docs');
    for (const path of ['/console', '/console/contacts', '/console/assets/app-3f9a2c1e.js']) {
      const answer = await get(service, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
  });
});
