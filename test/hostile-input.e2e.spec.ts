import { describe, expect, it } from 'vitest';
import { readEventFile } from './support/event-file';
import { hostileHeaders, hostilePath, prng } from './support/fuzz-inputs';
import { client, type JsonResponse } from './support/http';
import { mutate, RAW_BODIES } from './support/order-mutations';
import { fullOrder, minimalOrder, newOrderId } from './support/orders';
import { useService } from './support/service-process';

const ctx = useService();

/**
 * The fuzz run shares one service and one tally: every answer is counted by status, every 202's job
 * is remembered, and the last test checks that the event file holds exactly those jobs' events.
 */
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);
const random = prng(seed);
const statuses = new Map<number | string, number>();
const acceptedJobs = new Set<string>();
/** one example request per answer status, for the summary */
const examples = new Map<number, string>();
let tried = 0;
const PARALLEL = 8;

function tally(answer: JsonResponse, what: string): void {
  tried++;
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  expect(answer.status, `seed ${seed}: ${what.slice(0, 500)}`).toBeLessThan(500);
  if (!examples.has(answer.status)) examples.set(answer.status, what.slice(0, 120));
  if (answer.status === 202 && typeof answer.body?.jobId === 'string') acceptedJobs.add(answer.body.jobId);
}

/** Whether a failed fetch got to the server (a socket error) rather than being refused by the client. */
const reachedServer = (error: unknown): boolean =>
  /ECONNRESET|ECONNREFUSED|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED/.test(String((error as { cause?: { code?: unknown } })?.cause?.code ?? ''));

/** Runs `count` generated inputs, PARALLEL at a time. */
async function runInParallel(count: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < count; i = next++) await one(i);
    }),
  );
}

describe('hostile and malformed input (seeded fuzzer; replay with FUZZ_SEED)', () => {
  it('1000 mutated orders and raw bodies: never a 5xx, nothing invalid written', { timeout: 120_000 }, async () => {
    const rejected: string[] = [];
    const inputs = Array.from({ length: 1000 }, () => mutate(fullOrder(newOrderId('fuzz')), random));
    await runInParallel(inputs.length, async (i) => {
      const { body, orderId } = inputs[i]!;
      const answer = await ctx.api.post('/api/v3/orders', body);
      tally(answer, `body ${JSON.stringify(body)}`);
      if (answer.status !== 202 && orderId) rejected.push(orderId);
    });
    for (const raw of RAW_BODIES) {
      const answer = await ctx.api.post('/api/v3/orders', raw);
      tally(answer, raw);
      expect(answer.status, raw.slice(0, 80)).toBeGreaterThanOrEqual(400);
    }
    for (const orderId of rejected.slice(0, 200)) {
      expect((await ctx.api.get(`/api/v3/orders/${encodeURIComponent(orderId)}`)).status, orderId).toBe(404);
    }
  });

  it(
    '1000 requests with hostile headers (API keys, Idempotency-Key, If-Match, content types, huge and many headers): only 4xx',
    { timeout: 120_000 },
    async () => {
      const anchor = minimalOrder(newOrderId('fuzz-anchor'), 'c-fuzz');
      tally(await ctx.api.post('/api/v3/orders', anchor), 'anchor');
      const inputs = Array.from({ length: 1000 }, () => ({ ...hostileHeaders(random), target: Math.floor(random() * 4) }));
      let refusedConnections = 0;
      await runInParallel(inputs.length, async (i) => {
        const { headers, huge, target } = inputs[i]!;
        const request: [string, string, unknown?] = [
          ['POST', '/api/v3/orders', minimalOrder(newOrderId('fuzz-h'), 'c-fuzz')],
          ['POST', `/api/v3/orders/${anchor.orderId}/change-status`, { externalStatus: `h-${i}` }],
          ['DELETE', `/api/v3/orders/${newOrderId('fuzz-none')}`],
          ['GET', `/api/v3/orders/${anchor.orderId}`],
        ][target] as [string, string, unknown?];
        let answer: JsonResponse;
        try {
          answer = await ctx.api.call(request[0], request[1], request[2], headers);
        } catch (error) {
          if (!reachedServer(error)) return; // the client itself refused to send it (not counted)
          // a huge header block may be refused by Node's parser (431) before the client finished writing
          if (!huge)
            throw new Error(
              `seed ${seed}: ${request[0]} ${request[1]} with ${JSON.stringify(headers).slice(0, 300)} failed: ${String(error)}`,
            );
          refusedConnections++;
          tried++;
          return;
        }
        tally(answer, `${request[0]} ${request[1]} with ${JSON.stringify(headers).slice(0, 300)}`);
        if (huge) expect([431, 413, 400]).toContain(answer.status);
      });
      if (refusedConnections > 0) console.log(`${refusedConnections} huge-header requests were cut off at the socket`);
    },
  );

  it('800 hostile paths, methods and query strings: only 4xx (or a success for a harmless read)', { timeout: 120_000 }, async () => {
    const inputs = Array.from({ length: 800 }, () => hostilePath(random));
    await runInParallel(inputs.length, async (i) => {
      const { method, path } = inputs[i]!;
      tally(await ctx.api.call(method, path), `${method} ${path}`);
    });
    const anonymous = client(ctx.service.url, { apiKey: null });
    await runInParallel(200, async () => {
      const { method, path } = hostilePath(random);
      const answer = await anonymous.call(method, path);
      tally(answer, `anonymous ${method} ${path}`);
      expect(answer.status, `anonymous ${method} ${path}`).not.toBe(202);
    });
  });

  it('afterwards: the service is alive and the event file holds exactly the acknowledged changes', async () => {
    expect((await ctx.api.get('/api/v3/orders?contactId=c-full')).status).toBe(200);
    const events = readEventFile(ctx.service.dataDir);
    const unacknowledged = events.filter((event) => !acceptedJobs.has(event.metadata.jobId));
    expect(unacknowledged.map((e) => `${e.streamId}@${e.revision} ${e.type}`)).toEqual([]);
    const written = new Set(events.map((e) => e.metadata.jobId));
    expect([...acceptedJobs].filter((job) => !written.has(job))).toEqual([]);
    const fiveHundreds = [...statuses].filter(([status]) => Number(status) >= 500).reduce((sum, [, n]) => sum + n, 0);
    expect(fiveHundreds).toBe(0);
    console.log(
      `fuzz seed ${seed}: ${tried} inputs, ${fiveHundreds} answers 5xx, ${acceptedJobs.size} accepted changes (all in the log, nothing else), ` +
        `answers ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries(examples));
  });
});
