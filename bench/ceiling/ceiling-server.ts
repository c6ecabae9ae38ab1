import Fastify from 'fastify';

/**
 * The ceiling: a bare Fastify server that parses the same JSON order bodies as the service and
 * answers 202 with a job-sized body, doing nothing else. Started as a child process by the bench;
 * what it sustains is the HTTP + JSON limit of this machine for this load generator.
 */
async function main(): Promise<void> {
  const app = Fastify({ bodyLimit: 1024 * 1024, logger: false });
  app.post('/api/v3/orders', async (request, reply) => {
    const { orderId } = request.body as { orderId: string };
    const href = `/api/v3/orders/jobs/${Buffer.from(`0:${orderId}`).toString('base64url')}`;
    void reply.code(202).header('location', href);
    return { jobId: href.slice(20), orderId, status: 'Pending', href };
  });
  const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
  process.stdout.write(`ceiling listening on ${address}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
