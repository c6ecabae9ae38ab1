import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { pinoHttpOptions, prettyTransport } from './pino-http.options';
import { requestIdOf } from './request-id';

const request = (headers: Record<string, string> = {}, url = '/api/v3/orders') => ({ headers, url }) as unknown as IncomingMessage;

describe('request ids', () => {
  it('honours a sane x-request-id', () => {
    expect(requestIdOf(request({ 'x-request-id': 'abc-123.x:y_z' }))).toBe('abc-123.x:y_z');
  });

  it('replaces a missing or unsafe one with a UUID', () => {
    expect(requestIdOf(request())).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({ 'x-request-id': 'a b\n{"evil":1}' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({ 'x-request-id': 'x'.repeat(129) }))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives one request the same id every time it is asked (Fastify and pino-http agree)', () => {
    const one = request();
    expect(requestIdOf(one)).toBe(requestIdOf(one));
    expect(requestIdOf(request())).not.toBe(requestIdOf(one));
  });
});

describe('pino-http options', () => {
  it("maps Nest's level names onto pino's", () => {
    expect(pinoHttpOptions({ logLevel: 'log' }).level).toBe('info');
    expect(pinoHttpOptions({ logLevel: 'verbose' }).level).toBe('trace');
    expect(pinoHttpOptions({ logLevel: 'warn' }).level).toBe('warn');
  });

  it('logs 5xx answers as errors and the rest as info', () => {
    const level = pinoHttpOptions({ logLevel: 'log' }).customLogLevel!;
    expect(level(request(), { statusCode: 503 } as never, undefined)).toBe('error');
    expect(level(request(), { statusCode: 404 } as never, undefined)).toBe('info');
  });

  it('does not log health probes and metric scrapes', () => {
    const autoLogging = pinoHttpOptions({ logLevel: 'log' }).autoLogging as { ignore: (r: IncomingMessage) => boolean };
    expect(autoLogging.ignore(request({}, '/health/ready'))).toBe(true);
    expect(autoLogging.ignore(request({}, '/metrics'))).toBe(true);
    expect(autoLogging.ignore(request({}, '/api/v3/orders'))).toBe(false);
    expect(autoLogging.ignore(request({}, '/metricsx'))).toBe(false);
  });

  it('pretty-prints only for a terminal', () => {
    expect(prettyTransport(false)).toBeUndefined();
    expect(prettyTransport(true)).toMatchObject({ target: 'pino-pretty' });
  });

  it('logs a request URL without the values of secret-named query parameters', () => {
    const serialize = pinoHttpOptions({ logLevel: 'log' }).serializers!.req!;
    expect(serialize({ method: 'GET', url: '/api/v3/orders/S1?apikey=secret123&x=1' })).toEqual({
      method: 'GET',
      url: '/api/v3/orders/S1?apikey=[redacted]&x=1',
      remoteAddress: undefined,
    });
  });

  it('redacts URLs inside any message, whoever logs it', () => {
    const logged: unknown[][] = [];
    const hook = pinoHttpOptions({ logLevel: 'log' }).hooks!.logMethod!;
    hook.call(
      {} as never,
      [{ a: 1 }, 'posting to https://u:p@hooks.example/x?token=t'] as never,
      ((...args: unknown[]) => void logged.push(args)) as never,
      30,
    );
    expect(logged).toEqual([[{ a: 1 }, 'posting to https://hooks.example/x?token=[redacted]']]);
  });
});
