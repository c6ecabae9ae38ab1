import { type IncomingMessage, maxHeaderSize, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { REQUEST_ID_HEADER, requestIdOf } from '../../logging/request-id';
import { ApiError } from '../problem/api-error';
import { toProblem } from '../problem/problem.mapper';

/** What Node passes to the server's 'clientError' listeners (a parser error, or its request timeout). */
export interface ClientError extends Error {
  code?: string;
  /** the parser's reason, such as "Invalid header token" */
  reason?: unknown;
}

const logger = new Logger('ClientError');
const KIB = `${Math.round(maxHeaderSize / 1024)} KiB`;

/** A short, printable parser reason, or nothing. */
const reasonOf = (error: ClientError): string =>
  typeof error.reason === 'string' && /^[\x20-\x7e]{1,100}$/.test(error.reason) ? ` (${error.reason})` : '';

/** Node's client errors as our problems (the same statuses Node answers by itself, with our codes). */
export function clientErrorToApiError(error: ClientError, requestTimeoutMs: number): ApiError {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError(408, 'REQUEST_TIMEOUT', 'Request timeout', `The request was not received in full within ${requestTimeoutMs} ms.`);
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError(431, 'HEADERS_TOO_LARGE', 'Request headers too large', `The request line and headers exceed ${KIB}.`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The chunk extensions of the body exceed ${KIB}.`);
    default:
      return new ApiError(400, 'BAD_REQUEST', 'Bad request', `The request is not valid HTTP/1.1${reasonOf(error)}.`);
  }
}

/**
 * A whole HTTP/1.1 answer, written as bytes: the problem as application/problem+json, and Connection: close.
 * When the request had been parsed already (a body that came too slowly), its path is the problem's
 * `instance` and its id the `x-request-id`, as on every other answer.
 */
export function rawProblemAnswer(error: ApiError, request?: IncomingMessage): string {
  const { problem } = toProblem(error);
  const path = request?.url?.split('?')[0];
  const body = JSON.stringify(path ? { ...problem, instance: path } : problem);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(request ? [`${REQUEST_ID_HEADER}: ${requestIdOf(request)}`] : []),
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Node keeps the answer in progress on a socket here (it checks the same before answering a client error itself). */
type SocketWithAnswer = Socket & { _httpMessage?: ServerResponse | null };

/**
 * Fastify's `clientErrorHandler` option. Node hands over what it refuses before any request exists —
 * a header block over its limit, bytes that are not HTTP, a request not received in time — with the raw
 * socket; Fastify's default answers those with its own JSON. Here they are problems like every other
 * answer (type, title, status, detail, code; `instance` and `x-request-id` only when a request had been
 * parsed), and the connection is closed. Nothing is written when the socket is gone or an answer has
 * already started on it (that would corrupt it).
 */
export function createClientErrorHandler(requestTimeoutMs: number): (error: ClientError, socket: Socket) => void {
  return (error, socket) => {
    if (error.code !== 'ECONNRESET' && !socket.destroyed) {
      const apiError = clientErrorToApiError(error, requestTimeoutMs);
      const answer = (socket as SocketWithAnswer)._httpMessage ?? undefined;
      const request = answer?.req;
      logger.debug({
        msg: `client error answered ${apiError.status}`,
        code: error.code,
        ...(request ? { reqId: requestIdOf(request) } : {}),
      });
      if (socket.writable && !answer?.headersSent) socket.write(rawProblemAnswer(apiError, request));
    }
    socket.destroy();
  };
}
