import { EventEmitter } from 'node:events';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientError, clientErrorToApiError, createClientErrorHandler, rawProblemAnswer } from './client-errors';

const clientError = (code: string, reason?: string): ClientError => Object.assign(new Error(code), { code, reason });

/** The parts of a raw answer: status line, headers (lower-case names), body as JSON. */
function parse(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { statusLine, headers, body, problem: JSON.parse(body) };
}

/** Enough of a socket for the handler: records writes and destroy. */
function fakeSocket(options: { writable?: boolean; destroyed?: boolean; answer?: unknown } = {}) {
  const socket = Object.assign(new EventEmitter(), {
    writable: options.writable ?? true,
    destroyed: options.destroyed ?? false,
    written: [] as string[],
    destroyCalls: 0,
    _httpMessage: options.answer ?? null,
    write(data: string) {
      this.written.push(data);
      return true;
    },
    destroy() {
      this.destroyCalls += 1;
    },
  });
  return socket as typeof socket & Socket;
}

describe('clientErrorToApiError', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
    ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'PAYLOAD_TOO_LARGE'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'BAD_REQUEST'],
    ['HPE_INVALID_METHOD', 400, 'BAD_REQUEST'],
  ])('%s → %i %s', (code, status, expected) => {
    expect(clientErrorToApiError(clientError(code), 1234)).toMatchObject({ status, code: expected });
  });

  it('names the timeout, and the parser reason only when it is short and printable', () => {
    expect(clientErrorToApiError(clientError('ERR_HTTP_REQUEST_TIMEOUT'), 1234).detail).toContain('1234 ms');
    expect(clientErrorToApiError(clientError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token'), 1).detail).toBe(
      'The request is not valid HTTP/1.1 (Invalid header token).',
    );
    expect(clientErrorToApiError(clientError('HPE_X', 'bad\r\nthing'), 1).detail).toBe('The request is not valid HTTP/1.1.');
  });
});

describe('rawProblemAnswer', () => {
  it('is a whole HTTP/1.1 answer: problem+json with its byte length, Connection: close, the problem shape without a stack', () => {
    const { statusLine, headers, body, problem } = parse(rawProblemAnswer(clientErrorToApiError(clientError('HPE_HEADER_OVERFLOW'), 1)));
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers).toStrictEqual({
      'content-type': 'application/problem+json',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    });
    expect(problem).toStrictEqual({
      type: '/problems/HEADERS_TOO_LARGE',
      title: 'Request headers too large',
      status: 431,
      detail: 'The request line and headers exceed 16 KiB.',
      code: 'HEADERS_TOO_LARGE',
    });
  });

  it('carries the instance and x-request-id of a request that had been parsed', () => {
    const request = new IncomingMessage(new Socket());
    request.url = '/api/v3/orders?x=1';
    request.headers = { 'x-request-id': 'req-1' };
    const { headers, problem } = parse(rawProblemAnswer(clientErrorToApiError(clientError('ERR_HTTP_REQUEST_TIMEOUT'), 50), request));
    expect(headers['x-request-id']).toBe('req-1');
    expect(problem).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT', instance: '/api/v3/orders' });
  });
});

describe('createClientErrorHandler', () => {
  const handle = createClientErrorHandler(1000);
  // its debug line is not what these tests look at
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(true));

  it('writes the problem and destroys the socket', () => {
    const socket = fakeSocket();
    handle(clientError('ERR_HTTP_REQUEST_TIMEOUT'), socket);
    expect(socket.written).toHaveLength(1);
    expect(socket.written[0]).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(socket.destroyCalls).toBe(1);
  });

  it('writes nothing on a reset, a destroyed or unwritable socket, or once an answer has started; destroys it all the same', () => {
    const sockets = [
      [clientError('ECONNRESET'), fakeSocket()],
      [clientError('HPE_HEADER_OVERFLOW'), fakeSocket({ destroyed: true })],
      [clientError('HPE_HEADER_OVERFLOW'), fakeSocket({ writable: false })],
      [clientError('ERR_HTTP_REQUEST_TIMEOUT'), fakeSocket({ answer: { headersSent: true } })],
    ] as const;
    for (const [error, socket] of sockets) {
      handle(error, socket);
      expect(socket.written).toStrictEqual([]);
      expect(socket.destroyCalls).toBe(1);
    }
  });

  it('answers while the request is in flight as long as its answer has not started', () => {
    const socket = fakeSocket({ answer: { headersSent: false } });
    handle(clientError('ERR_HTTP_REQUEST_TIMEOUT'), socket);
    expect(socket.written[0]).toMatch(/^HTTP\/1\.1 408 /);
  });
});
