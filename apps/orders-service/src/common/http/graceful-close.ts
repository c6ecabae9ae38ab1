import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Graceful close of the HTTP side (SIGTERM → app.close() → fastify.close()): new requests on open
 * connections get 503 (return503OnClosing), requests in flight run to completion, and their answers
 * carry `Connection: close` so that keep-alive sockets end with them instead of holding the close
 * open until the keep-alive timeout. Sockets still open after `graceMs` are destroyed.
 */
export function configureGracefulClose(app: NestFastifyApplication, graceMs: number): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    setTimeout(() => fastify.server.closeAllConnections(), graceMs).unref();
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
