import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { newDataDir, removeDataDir, startService } from './support/service-process';

const MAIN = join(resolve(__dirname, '..'), 'dist/apps/orders-service/main.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDataDir));

/** Every stdout line as JSON: throws, naming the line, at the first one that is not. */
function jsonLines(stdout: string): Record<string, any>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, any>;
      } catch {
        throw new Error(`stdout line is not JSON: ${line}`);
      }
    });
}

/** An automation target on 127.0.0.1 that answers every delivery with 500. */
async function failingReceiver(): Promise<{ server: Server; url: string; received: () => number }> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received: () => received };
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('logs of a run: start → traffic → failed delivery → SIGTERM', () => {
  const run = { stdout: '', stderr: '', exit: null as number | string | null, orderId: '', endpointId: '', adminKey: '' };

  beforeAll(async () => {
    const receiver = await failingReceiver();
    const dataDir = newDataDir();
    dirs.push(dataDir);
    // no ADMIN_API_KEY: the first start creates a key and shows it once (on stderr, see below)
    const service = await startService({
      dataDir,
      env: {
        ADMIN_API_KEY: '',
        LOG_LEVEL: 'log',
        AUTOMATION_ALLOW_LOCAL_NETWORK: 'true',
        AUTOMATION_RETRY_BASE_MS: '50',
        AUTOMATION_RETRY_MAX_MS: '200',
        AUTOMATION_MAX_ATTEMPTS: '1000',
        AUTOMATION_TIMEOUT_MS: '2000',
      },
    });
    try {
      run.adminKey = /^\s+(ok_[\w-]{43})$/m.exec(service.stderr())?.[1] ?? '';
      expect(run.adminKey, service.output()).not.toBe('');
      const api = client(service.url, { apiKey: run.adminKey });
      const endpoint = await api.post('/api/v3/automations/endpoints', { url: receiver.url, secret: 'receiver-secret-0123456789' });
      expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
      run.endpointId = endpoint.body.id;
      run.orderId = newOrderId('logs');
      const order = { ...minimalOrder(run.orderId, newOrderId('c-logs')), orderAction: { action: 'ConfirmOrder' } };
      const accepted = await api.post('/api/v3/orders', order);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
      // a key sent in the query string is refused — and must not reach the log
      expect((await client(service.url, { apiKey: null }).get(`/api/v3/orders/${run.orderId}?apikey=secret123&x=1`)).status).toBe(401);
      await until('two failed delivery attempts', () => receiver.received() >= 2);
    } finally {
      run.exit = await service.stop();
      run.stdout = service.stdout();
      run.stderr = service.stderr();
      receiver.server.closeAllConnections();
      receiver.server.close();
    }
  }, 60_000);

  it('every stdout line is JSON', () => {
    expect(() => jsonLines(run.stdout)).not.toThrow();
    expect(jsonLines(run.stdout).length).toBeGreaterThan(3);
  });

  it('the one-time admin key and the listening URL are plain text on stderr, never on stdout', () => {
    expect(run.stderr).toContain(run.adminKey);
    expect(run.stdout).not.toContain(run.adminKey);
    expect(run.stderr).toMatch(/^orders-service listening on http:\/\/127\.0\.0\.1:\d+ /m);
    expect(jsonLines(run.stdout).find((line) => line.msg === 'orders-service listening')).toMatchObject({ url: expect.any(String) });
  });

  it("Nest's route mapping and module lines are not logged at the default level; nothing says started before listening", () => {
    const lines = jsonLines(run.stdout);
    expect(lines.filter((line) => ['RoutesResolver', 'RouterExplorer', 'InstanceLoader'].includes(line.context))).toEqual([]);
    expect(run.stdout).not.toContain('successfully started');
  });

  it('a failed delivery attempt is one line with the endpoint, order, attempt, status and next attempt', () => {
    // the line is the automations side's (`msg: "automation delivery failed"`)
    const failed = jsonLines(run.stdout).filter((line) => line.msg === 'automation delivery failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({ endpointId: run.endpointId, orderId: run.orderId, attempt: 1, nextAttemptAt: expect.any(String) });
    expect(failed[0]!.status ?? failed[0]!.reason).toBeDefined();
  });

  it('SIGTERM: logs what it drained and stopped, and exits 0', () => {
    const lines = jsonLines(run.stdout);
    expect(lines.find((line) => line.msg === 'shutdown started')).toMatchObject({
      signal: 'SIGTERM',
      inFlightRequests: expect.any(Number),
    });
    expect(lines.at(-1)).toMatchObject({
      msg: 'shutdown complete',
      signal: 'SIGTERM',
      requests: { inFlight: expect.any(Number), completed: expect.any(Number), cut: 0 },
      stopped: ['projector', 'dispatcher'],
      storesClosed: true,
    });
    expect(run.exit).toBe(0);
  });

  it('a key in the query string is logged redacted', () => {
    expect(run.stdout).not.toContain('secret123');
    const refused = jsonLines(run.stdout).find((line) => line.req?.url?.startsWith(`/api/v3/orders/${run.orderId}?`));
    expect(refused).toMatchObject({ req: { url: `/api/v3/orders/${run.orderId}?apikey=[redacted]&x=1` }, res: { statusCode: 401 } });
  });
});

describe('a second instance on a port in use', () => {
  it('says so in one line naming the port and exits 1, with no "started" line before it', { timeout: 60_000 }, async () => {
    const first = await startService();
    dirs.push(first.dataDir);
    try {
      const port = new URL(first.url).port;
      const dataDir = newDataDir();
      dirs.push(dataDir);
      const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_API_KEY: 'second-admin-key-0123456789' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = await new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(code ?? signal)));
      expect(exit).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([
        `orders-service failed to start: port ${port} on 127.0.0.1 is already in use (EADDRINUSE); set PORT or HOST`,
      ]);
      expect(() => jsonLines(stdout)).not.toThrow();
      expect(stdout).not.toMatch(/started|listening|EADDRINUSE/);
      // the first instance is unharmed
      expect((await client(first.url).get('/health/live')).status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});
