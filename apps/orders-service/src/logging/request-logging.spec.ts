import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.options';
import { installRequestLogging } from './request-logging';

type Line = Record<string, unknown>;

async function app(level: 'log' | 'warn' = 'log'): Promise<{ fastify: FastifyInstance; lines: Line[] }> {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const root = pino({ ...loggerOptions({ logLevel: level }), transport: undefined }, sink);
  const fastify = Fastify({ genReqId: (request) => String(request.headers['x-request-id'] ?? 'generated') });
  installRequestLogging(fastify, root);
  const logger = new PinoLogger({ pinoHttp: { logger: root } });
  fastify.get('/api/thing', async () => {
    await new Promise((resolve) => setImmediate(resolve)); // the context survives an await
    logger.info('inside the handler');
    return { ok: true };
  });
  fastify.post('/api/thing', async (request) => {
    logger.info({ size: JSON.stringify(request.body).length }, 'parsed');
    return { ok: true };
  });
  fastify.get('/api/boom', async () => {
    throw new Error('boom');
  });
  fastify.get('/health/live', async () => ({ status: 'ok' }));
  await fastify.ready();
  return { fastify, lines };
}

describe('request logging (Fastify hooks)', () => {
  let fastify: FastifyInstance | undefined;
  afterEach(async () => {
    await fastify?.close();
    fastify = undefined;
  });

  it('writes one line per request with its id, method, redacted URL, status and time', async () => {
    const made = await app();
    fastify = made.fastify;
    await fastify.inject({ method: 'GET', url: '/api/thing?apikey=secret1&x=1', headers: { 'x-request-id': 'r-1' } });
    const line = made.lines.find((l) => l.msg === 'request completed');
    expect(line).toMatchObject({
      level: 30,
      reqId: 'r-1',
      req: { method: 'GET', url: '/api/thing?apikey=[redacted]&x=1' },
      res: { statusCode: 200 },
    });
    expect(typeof line?.responseTime).toBe('number');
    expect(JSON.stringify(made.lines)).not.toContain('secret1');
  });

  it('gives lines logged while a request is handled its reqId, after an await and after the body was parsed', async () => {
    const made = await app();
    fastify = made.fastify;
    await fastify.inject({ method: 'GET', url: '/api/thing', headers: { 'x-request-id': 'r-2' } });
    await fastify.inject({ method: 'POST', url: '/api/thing', headers: { 'x-request-id': 'r-3' }, payload: { a: 1 } });
    expect(made.lines.find((l) => l.msg === 'inside the handler')).toMatchObject({ reqId: 'r-2' });
    expect(made.lines.find((l) => l.msg === 'parsed')).toMatchObject({ reqId: 'r-3', size: 7 });
  });

  it('logs a 5xx as an error line and keeps probes quiet', async () => {
    const made = await app();
    fastify = made.fastify;
    await fastify.inject({ method: 'GET', url: '/api/boom', headers: { 'x-request-id': 'r-4' } });
    await fastify.inject({ method: 'GET', url: '/health/live' });
    expect(made.lines.find((l) => l.reqId === 'r-4' && l.msg === 'request errored')).toMatchObject({ level: 50, res: { statusCode: 500 } });
    expect(made.lines.some((l) => (l.req as { url?: string } | undefined)?.url === '/health/live')).toBe(false);
  });

  it('writes no request line below its level (LOG_LEVEL=warn)', async () => {
    const made = await app('warn');
    fastify = made.fastify;
    await fastify.inject({ method: 'GET', url: '/api/thing', headers: { 'x-request-id': 'r-5' } });
    await fastify.inject({ method: 'GET', url: '/api/boom', headers: { 'x-request-id': 'r-6' } });
    expect(made.lines.filter((l) => l.msg === 'request completed')).toEqual([]);
    expect(made.lines.find((l) => l.msg === 'request errored')).toMatchObject({ reqId: 'r-6' });
  });
});
