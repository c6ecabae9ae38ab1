import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../problem/api-error';
import { readBody } from './body-reader';

const limits = { limit: 10, drainBytes: 40, drainMs: 200 };

function read(chunks: string[], announced = 0, end = true) {
  const payload = new PassThrough();
  const outcome = new Promise<{ error: Error | null; body?: Buffer; unread: number }>((done) =>
    readBody(payload, announced, limits, (error, body) => done({ error, body, unread: payload.readableLength })),
  );
  for (const chunk of chunks) payload.write(chunk);
  if (end) payload.end();
  return { payload, outcome };
}

describe('readBody', () => {
  it('gives a body within the limit whole', async () => {
    const { outcome } = read(['{"a":', '1}']);
    const { error, body } = await outcome;
    expect(error).toBeNull();
    expect(body!.toString()).toBe('{"a":1}');
  });

  it('reads an over-limit body to its end, keeping nothing, before the 413', async () => {
    const { payload, outcome } = read(['0123456789', 'abc', 'def'], 0, false);
    let settled = false;
    void outcome.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false); // still draining: the client is still writing
    payload.end();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect((error as ApiError).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('stops at the drain bound, and at once when the announced length is beyond it', async () => {
    const beyond = read(['x'.repeat(50)], 0, false);
    expect(((await beyond.outcome).error as ApiError).status).toBe(413);
    const announced = read([], 41, false);
    expect(((await announced.outcome).error as ApiError).status).toBe(413);
  });

  it('stops after the drain time', async () => {
    const { outcome } = read(['x'.repeat(20)], 0, false);
    const started = Date.now();
    expect(((await outcome).error as ApiError).status).toBe(413);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
