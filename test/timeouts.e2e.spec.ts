import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN_API_KEY } from './support/http';
import { type RawAnswer, RawConnection } from './support/raw-http';
import { useService } from './support/service-process';

const REQUEST_TIMEOUT_MS = 1000;
const ctx = useService({ env: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });

/** Generous bounds: the point is "about the timeout", against Node's 30-s checks and Fastify's 72-s keep-alive. */
const WELL_AFTER_TIMEOUT_MS = REQUEST_TIMEOUT_MS + 4000;

const open: RawConnection[] = [];
const connect = async (): Promise<RawConnection> => {
  const connection = await RawConnection.open(ctx.service.url);
  open.push(connection);
  return connection;
};
afterEach(() => open.splice(0).forEach((connection) => connection.destroy()));

const expectRequestTimeout = (answer: RawAnswer | undefined, request: { instance?: string } = {}) => {
  expect(answer, 'an answer before the close').toBeDefined();
  expect(answer!.status, JSON.stringify(answer!.body)).toBe(408);
  expect(answer!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer!.headers.get('connection')).toBe('close');
  expect(answer!.body).toStrictEqual({
    type: '/problems/REQUEST_TIMEOUT',
    title: 'Request timeout',
    status: 408,
    detail: expect.any(String),
    code: 'REQUEST_TIMEOUT',
    ...request,
  });
};

const head = (lines: string[]): string => `${lines.join('\r\n')}\r\n\r\n`;

describe(`client timeouts (REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS})`, () => {
  it('an idle keep-alive socket is closed after REQUEST_TIMEOUT_MS, and answers say so in Keep-Alive', async () => {
    const connection = await connect();
    connection.write(head(['GET /health/live HTTP/1.1', 'host: localhost']));
    const answer = await connection.answer();
    expect(answer?.status).toBe(200);
    expect(answer?.headers.get('keep-alive')).toBe(`timeout=${REQUEST_TIMEOUT_MS / 1000}`);
    await connection.closedWithin(WELL_AFTER_TIMEOUT_MS);
  });

  it('a body still arriving REQUEST_TIMEOUT_MS after the request started: 408 REQUEST_TIMEOUT problem, connection closed', async () => {
    const connection = await connect();
    connection.write(
      head([
        'POST /api/v3/orders HTTP/1.1',
        'host: localhost',
        `apikey: ${TEST_ADMIN_API_KEY}`,
        'x-request-id: slow-body-1',
        'content-type: application/json',
        'content-length: 100000',
      ]),
    );
    // 4 bytes every 200 ms: never idle, never done
    const trickle = setInterval(() => connection.write('    '), 200);
    try {
      // the request had been parsed: its path and id are on the answer, as on every other one
      const answer = await connection.answer(WELL_AFTER_TIMEOUT_MS);
      expectRequestTimeout(answer, { instance: '/api/v3/orders' });
      expect(answer!.headers.get('x-request-id')).toBe('slow-body-1');
      await connection.closedWithin(2000);
    } finally {
      clearInterval(trickle);
    }
  });

  it('headers that stop coming: 408 REQUEST_TIMEOUT problem, connection closed', async () => {
    const connection = await connect();
    connection.write('GET /api/v3/orders?contactId=c-1 HTTP/1.1\r\nhost: localhost\r\n');
    expectRequestTimeout(await connection.answer(WELL_AFTER_TIMEOUT_MS));
    await connection.closedWithin(2000);
  });

  it('requests that complete in time are answered normally, also the next one on the kept-alive socket', async () => {
    const connection = await connect();
    connection.write(head(['GET /health/live HTTP/1.1', 'host: localhost']));
    expect((await connection.answer())?.status).toBe(200);
    await new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS / 4));
    connection.write(
      head([
        'POST /api/v3/orders HTTP/1.1',
        'host: localhost',
        `apikey: ${TEST_ADMIN_API_KEY}`,
        'content-type: application/json',
        'content-length: 2',
      ]),
    );
    connection.write('{}');
    const answer = await connection.answer();
    expect(answer?.status).toBe(400);
    expect(answer?.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(connection.isClosed).toBe(false);
  });
});
