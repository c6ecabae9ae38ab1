import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isQuietPath, loggerOptions, prettyTransport, requestLogLevel, requestSummary } from './logger.options';
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

describe('logger options', () => {
  it("maps Nest's level names onto pino's", () => {
    expect(loggerOptions({ logLevel: 'log' }).level).toBe('info');
    expect(loggerOptions({ logLevel: 'verbose' }).level).toBe('trace');
    expect(loggerOptions({ logLevel: 'warn' }).level).toBe('warn');
  });

  it('logs 5xx answers as errors and the rest as info', () => {
    expect(requestLogLevel(503)).toBe('error');
    expect(requestLogLevel(500)).toBe('error');
    expect(requestLogLevel(404)).toBe('info');
    expect(requestLogLevel(202)).toBe('info');
  });

  it('does not log health probes and metric scrapes', () => {
    expect(isQuietPath('/health/ready')).toBe(true);
    expect(isQuietPath('/metrics')).toBe(true);
    expect(isQuietPath('/api/v3/orders')).toBe(false);
    expect(isQuietPath('/metricsx')).toBe(false);
  });

  it('pretty-prints only for a terminal', () => {
    expect(prettyTransport(false)).toBeUndefined();
    expect(prettyTransport(true)).toMatchObject({ target: 'pino-pretty' });
  });

  it('logs a request URL without the values of secret-named query parameters', () => {
    expect(requestSummary('GET', '/api/v3/orders/S1?apikey=secret123&x=1', undefined)).toEqual({
      method: 'GET',
      url: '/api/v3/orders/S1?apikey=[redacted]&x=1',
      remoteAddress: undefined,
    });
  });

  it('redacts URLs inside any message, whoever logs it', () => {
    const logged: unknown[][] = [];
    const hook = loggerOptions({ logLevel: 'log' }).hooks!.logMethod!;
    hook.call(
      {} as never,
      [{ a: 1 }, 'posting to https://u:p@hooks.example/x?token=t'] as never,
      ((...args: unknown[]) => void logged.push(args)) as never,
      30,
    );
    expect(logged).toEqual([[{ a: 1 }, 'posting to https://hooks.example/x?token=[redacted]']]);
  });
});
