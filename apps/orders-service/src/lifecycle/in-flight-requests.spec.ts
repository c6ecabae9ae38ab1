import { request } from 'node:http';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { InFlightRequests } from './in-flight-requests';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A GET over a real socket; resolves with the status, or 'cut' when the connection ends without an answer. */
const get = (port: number, path: string): Promise<number | 'cut'> =>
  new Promise((done) => {
    const outgoing = request({ host: '127.0.0.1', port, path, agent: false }, (answer) => {
      answer.resume();
      answer.on('end', () => done(answer.statusCode!));
    });
    outgoing.on('error', () => done('cut'));
    outgoing.end();
  });

describe('InFlightRequests', () => {
  it('counts the requests running when a close begins and how each of them ended', async () => {
    const fastify = Fastify({ forceCloseConnections: false });
    closers.push(() => fastify.close());
    const requests = new InFlightRequests().attach(fastify);
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    fastify.get('/slow', async () => {
      await released;
      return 'done';
    });
    fastify.get('/hang', () => new Promise(() => undefined));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const port = (fastify.server.address() as { port: number }).port;

    const slow = get(port, '/slow');
    const hung = get(port, '/hang');
    while (requests.count < 2) await new Promise((r) => setTimeout(r, 5));
    expect(requests.startDrain()).toBe(2);
    const closed = fastify.close();
    release();
    expect(await slow).toBe(200);
    fastify.server.closeAllConnections(); // what graceful-close does when its grace runs out
    expect(await hung).toBe('cut');
    await closed;
    expect(requests.drained()).toEqual({ inFlight: 2, completed: 1, cut: 1 });
    expect(requests.count).toBe(0);
  });
});
