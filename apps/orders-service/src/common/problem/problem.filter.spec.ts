import { type ArgumentsHost, Logger, type LoggerService } from '@nestjs/common';
import { StorageFaultError } from '@orders/event-store';
import { QueryBudgetExceededError } from '@orders/read-models';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { ProblemFilter } from './problem.filter';

function recordingLogger() {
  const lines: Array<{ level: string; message: unknown; params: unknown[] }> = [];
  const record =
    (level: string) =>
    (message: unknown, ...params: unknown[]) =>
      lines.push({ level, message, params });
  const logger: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
    verbose: record('verbose'),
  };
  return { logger, lines };
}

function answer(error: unknown) {
  const sent: { status?: number; type?: string; body?: unknown; headers?: Record<string, string> } = {};
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    headers: (headers: Record<string, string>) => ((sent.headers = headers), reply),
    type: (type: string) => ((sent.type = type), reply),
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const request = { id: 'req-42', method: 'POST', url: '/api/v3/orders?x=1', routeOptions: { url: '/api/v3/orders' } };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return sent;
}

afterEach(() => Logger.overrideLogger(true));

describe('ProblemFilter', () => {
  it('logs a 5xx through the app logger with the request id, route and error, and answers without internals', () => {
    const { logger, lines } = recordingLogger();
    Logger.overrideLogger(logger);

    const sent = answer(new Error('disk on fire'));

    expect(sent).toMatchObject({
      status: 500,
      type: 'application/problem+json',
      body: { code: 'INTERNAL_ERROR', instance: '/api/v3/orders' },
    });
    expect(JSON.stringify(sent.body)).not.toContain('disk on fire');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      message: {
        reqId: 'req-42',
        route: '/api/v3/orders',
        status: 500,
        msg: 'POST /api/v3/orders answered 500: disk on fire',
        err: expect.any(Error),
      },
      params: expect.arrayContaining(['Problem']),
    });
  });

  it('answers a write that waited for the store lock in vain with 503 STORE_BUSY and Retry-After', () => {
    const { logger } = recordingLogger();
    Logger.overrideLogger(logger);

    const sent = answer(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));

    expect(sent).toMatchObject({ status: 503, body: { code: 'STORE_BUSY', status: 503 }, headers: { 'retry-after': '1' } });
    expect(JSON.stringify(sent.body)).not.toContain('database is locked');
  });

  it('answers a query stopped at its time budget with 503 QUERY_BUDGET_EXCEEDED and Retry-After, saying whether it ran', () => {
    const { logger } = recordingLogger();
    Logger.overrideLogger(logger);
    const running = answer(new QueryBudgetExceededError(2000, 'running'));
    expect(running).toMatchObject({ status: 503, body: { code: 'QUERY_BUDGET_EXCEEDED', status: 503 }, headers: { 'retry-after': '1' } });
    expect((running.body as { detail: string }).detail).toMatch(/did not finish within its time budget of 2000 ms/);
    const queued = answer(new QueryBudgetExceededError(500, 'queued'));
    expect((queued.body as { detail: string }).detail).toMatch(/waited 500 ms for a read slot/);
  });

  it('answers a write on a full disk with 507 INSUFFICIENT_STORAGE and an unavailable store with 503 STORE_UNAVAILABLE, never 500', () => {
    const { logger } = recordingLogger();
    Logger.overrideLogger(logger);
    const full = answer(new StorageFaultError('full', 'events', 'database or disk is full'));
    expect(full).toMatchObject({
      status: 507,
      type: 'application/problem+json',
      body: { code: 'INSUFFICIENT_STORAGE', status: 507, type: '/problems/INSUFFICIENT_STORAGE' },
      headers: { 'retry-after': '30' },
    });
    expect(JSON.stringify(full.body)).not.toContain('database or disk is full');
    const unavailable = answer(new StorageFaultError('unavailable', 'read-models', 'attempt to write a readonly database'));
    expect(unavailable).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE', status: 503 }, headers: { 'retry-after': '5' } });
  });

  it('does not log answers below 500', () => {
    const { logger, lines } = recordingLogger();
    Logger.overrideLogger(logger);

    expect(answer(new ApiError(409, 'ORDER_ALREADY_EXISTS', 'Order already exists', 'exists')).status).toBe(409);
    expect(lines).toStrictEqual([]);
  });
});
