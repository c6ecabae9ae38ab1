import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllowedHosts, type Resolver, TargetPolicy, type TargetPolicyOptions, type AllowedHosts } from '@orders/automations';
import { afterEach, describe, expect, it } from 'vitest';
import { reasonOf, TriggerTransport } from './trigger-transport';

/** a receiver on 127.0.0.1 that records every request and answers `status` (or never, when null) */
async function receiver(status: number | null) {
  const seen: { headers: IncomingHttpHeaders; url: string; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ headers: request.headers, url: request.url ?? '', body });
      if (status !== null) response.writeHead(status).end('ignored');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { seen, server, port: (server.address() as AddressInfo).port };
}

/** `receiver.test` (reserved TLD) resolves to 127.0.0.1 through this table; anything else does not resolve */
const resolve: Resolver = async (host) => {
  if (host === 'receiver.test') return [{ address: '127.0.0.1', family: 4 }];
  if (host === 'internal.test') return [{ address: '10.255.255.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

const transport = (options: Partial<TargetPolicyOptions> = {}) =>
  new TriggerTransport(
    new TargetPolicy({ allowLocalNetwork: true, allowedHosts: parseAllowedHosts('') as AllowedHosts, resolve, ...options }),
  );
const post = (url: string, timeoutMs = 2_000) => ({
  url,
  headers: { 'content-type': 'application/json', 'x-delivery-id': 'd-1' },
  body: '{"a":1}',
  timeoutMs,
  signal: new AbortController().signal,
});

describe('trigger transport', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
  const start = async (status: number | null) => {
    const r = await receiver(status);
    servers.push(r.server);
    return r;
  };

  it('POSTs the body to the checked address (a name is connected to exactly what the policy resolved) and answers the status', async () => {
    const r = await start(202);
    expect(await transport().post(post(`http://receiver.test:${r.port}/hook?x=1`))).toEqual({ status: 202 });
    expect(r.seen).toEqual([{ url: '/hook?x=1', body: '{"a":1}', headers: expect.objectContaining({ host: `receiver.test:${r.port}` }) }]);
    expect(r.seen[0]!.headers['x-delivery-id']).toBe('d-1');
  });

  it('a target the policy refuses is never contacted: the attempt fails with the short reason', async () => {
    const r = await start(200);
    const refusing = transport({ allowLocalNetwork: false });
    expect(await refusing.post(post(`http://127.0.0.1:${r.port}/hook`))).toEqual({ reason: 'target not allowed' });
    expect(await refusing.post(post(`http://receiver.test:${r.port}/hook`))).toEqual({ reason: 'target not allowed' });
    expect(await refusing.post(post('http://internal.test/hook'))).toEqual({ reason: 'target not allowed' });
    expect(await refusing.post(post('http://nowhere.invalid/hook'))).toEqual({ reason: 'dns' });
    // its own listener is refused even with the local network allowed
    const self = transport({ listeners: () => [{ address: '127.0.0.1', port: r.port }] });
    expect(await self.post(post(`http://127.0.0.1:${r.port}/hook`))).toEqual({ reason: 'target not allowed' });
    expect(r.seen).toEqual([]);
  });

  it('network failures become short reasons: connection refused, timeout', async () => {
    const closed = await start(200);
    const port = closed.port;
    servers.splice(0).forEach((s) => s.close());
    expect(await transport().post(post(`http://127.0.0.1:${port}/`))).toEqual({ reason: 'connection refused' });
    const silent = await start(null);
    expect(await transport().post(post(`http://127.0.0.1:${silent.port}/`, 200))).toEqual({ reason: 'timeout' });
    expect(silent.seen).toHaveLength(1);
  });

  it('maps error codes, never messages', () => {
    expect(reasonOf(Object.assign(new Error('connect ECONNREFUSED ::1:19999'), { code: 'ECONNREFUSED' }))).toBe('connection refused');
    expect(reasonOf({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).toBe('tls');
    expect(reasonOf({ code: 'EAI_AGAIN' })).toBe('dns');
    expect(reasonOf(new Error('bad port'))).toBe('network error');
  });
});
