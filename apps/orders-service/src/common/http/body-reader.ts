import type { Readable } from 'node:stream';
import { ApiError } from '../problem/api-error';

export interface BodyReadLimits {
  /** largest body accepted, in bytes */
  limit: number;
  /** an over-limit body is read and discarded up to this many bytes in all, then the connection is cut */
  drainBytes: number;
  /** … and for at most this long after it went over the limit */
  drainMs: number;
}

/** Reading and discarding the rest of an over-limit body: 16 MiB in all, 5 s at most (and within REQUEST_TIMEOUT_MS). */
export const DRAIN_BYTES = 16 * 1024 * 1024;
export const DRAIN_MAX_MS = 5_000;

export const payloadTooLarge = (limit: number): ApiError =>
  new ApiError(
    413,
    'PAYLOAD_TOO_LARGE',
    'Payload Too Large',
    `The request body exceeds ${limit} bytes (${Math.round(limit / 1024)} KiB); send a smaller body.`,
  );

/**
 * Reads a request body into one Buffer, at most `limit` bytes; `done(error)` with a 413 ApiError when it is larger.
 *
 * Why not Fastify's own `bodyLimit`: it answers 413 the moment the limit is passed (or on the announced
 * Content-Length, before reading a byte) and closes the connection while the client is still writing.
 * A client that writes its whole body before it reads (Node's `fetch`/undici, most HTTP libraries) then
 * sees EPIPE or ECONNRESET instead of the 413, and often retries. Here the rest of an over-limit body is
 * read and thrown away — nothing is kept — until it ends, so the client has finished writing when the 413
 * comes, and is then answered. The cost stays bounded: reading stops at `drainBytes` in all (a body
 * announced larger than that is answered at once) or after `drainMs`, and then the 413 is sent and the
 * connection closed (Fastify adds `Connection: close` to every parser error), whatever the client sees.
 */
export function readBody(
  payload: Readable,
  announcedLength: number,
  limits: BodyReadLimits,
  done: (error: Error | null, body?: Buffer) => void,
): void {
  if (announcedLength > limits.drainBytes) {
    done(payloadTooLarge(limits.limit));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let draining = false;
  let settled = false;
  let timer: NodeJS.Timeout | undefined;

  const settle = (error: Error | null, body?: Buffer): void => {
    if (settled) return;
    settled = true;
    if (timer) clearTimeout(timer);
    payload.off('data', onData);
    payload.off('end', onEnd);
    payload.off('error', onError);
    done(error, body);
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (!draining && received <= limits.limit) {
      chunks.push(chunk);
      return;
    }
    if (!draining) {
      draining = true;
      chunks.length = 0; // nothing more is kept
      timer = setTimeout(() => settle(payloadTooLarge(limits.limit)), limits.drainMs);
    }
    if (received > limits.drainBytes) settle(payloadTooLarge(limits.limit));
  };
  const onEnd = (): void => settle(draining ? payloadTooLarge(limits.limit) : null, draining ? undefined : Buffer.concat(chunks, received));
  const onError = (error: Error): void => settle(error);

  payload.on('data', onData);
  payload.once('end', onEnd);
  payload.once('error', onError);
  payload.resume();
}
