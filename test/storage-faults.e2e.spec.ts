import { join } from 'node:path';
import { mountSmallTmpfs } from '@orders/event-store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client, type JsonResponse } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { type ServiceHandle, startService } from './support/service-process';

/**
 * Storage faults for real: the built service runs with DATA_DIR on a small tmpfs of its own. A filler
 * file takes the last free byte, so the next writes meet a full disk (SQLITE_FULL). (A read-only case is
 * not here: a remount read-only is refused with EBUSY while the service holds its files open for writing,
 * and root ignores file modes; the 503 STORE_UNAVAILABLE side is covered by unit tests.) Needs mount(8), i.e. root (CI and the dev machine run as root); without it the
 * suite is skipped, saying so.
 */
const tmpfs = mountSmallTmpfs('16m');
const skipReason = 'skipped' in tmpfs ? tmpfs.skipped : null;
if (skipReason) console.warn(`storage-faults.e2e skipped: ${skipReason}`);
const disk = 'skipped' in tmpfs ? undefined : tmpfs;

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const expectStorageProblem = (answer: JsonResponse, status: number, code: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ status, code });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
};

describe.skipIf(skipReason !== null)('storage faults (DATA_DIR on a tmpfs)', () => {
  let service: ServiceHandle;
  let api: Client;
  const acknowledged: string[] = [];

  const register = async (orderId = newOrderId('disk')) => {
    const answer = await api.post('/api/v3/orders', minimalOrder(orderId));
    if (answer.status === 202) acknowledged.push(orderId);
    return { orderId, answer };
  };
  const ready = async () => (await fetch(`${service.url}/health/ready`)).status;
  const readable = async (orderId: string) => (await api.get(`/api/v3/orders/${orderId}`)).status;

  beforeAll(async () => {
    service = await startService({ dataDir: join(disk!.dir, 'data') });
    api = client(service.url);
    for (let i = 0; i < 5; i++) expect((await register()).answer.status).toBe(202);
  });

  afterAll(async () => {
    await service?.stop();
    disk?.unmount();
  });

  it('answers 507 INSUFFICIENT_STORAGE (never 500) on a full disk, keeps reads, fails readiness, and recovers once space is freed', async () => {
    await until(
      'the first orders projected',
      () => readable(acknowledged[4]!),
      (status) => status === 200,
    );
    expect(await ready()).toBe(200);
    expect(disk!.fill()).toBeGreaterThan(0);

    // SQLite may still fit a few small writes into pages it already has: write until one fails
    let refused: { orderId: string; answer: JsonResponse } | undefined;
    let acceptedOnFullDisk = 0;
    for (let i = 0; i < 500 && !refused; i++, acceptedOnFullDisk++) {
      const attempt = await register();
      expect(attempt.answer.status, JSON.stringify(attempt.answer.body)).not.toBe(500);
      if (attempt.answer.status !== 202) refused = attempt;
    }
    expect(refused, 'no write failed on a full disk').toBeDefined();
    expectStorageProblem(refused!.answer, 507, 'INSUFFICIENT_STORAGE');
    expect(refused!.answer.body.type).toBe('/problems/INSUFFICIENT_STORAGE');

    expectStorageProblem((await register()).answer, 507, 'INSUFFICIENT_STORAGE');
    expect(await readable(acknowledged[0]!)).toBe(200);
    const readiness = await fetch(`${service.url}/health/ready`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'error', error: { storage: { status: 'down' } } });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    // stay full a while: the projector and the dispatcher retry meanwhile, and must not log each retry
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expectStorageProblem((await register()).answer, 507, 'INSUFFICIENT_STORAGE');

    disk!.free();
    const freed = Date.now();
    await until('readiness back', ready, (status) => status === 200, 15_000);
    const readyAfterMs = Date.now() - freed;
    // the refused order left nothing behind: registering it again is a fresh register, not ORDER_ALREADY_EXISTS
    expect((await register(refused!.orderId)).answer.status).toBe(202);
    for (const orderId of acknowledged)
      await until(
        `order ${orderId} readable`,
        () => readable(orderId),
        (status) => status === 200,
      );

    // the projector (and the dispatcher, if it met the fault) said so once, not once a second
    const output = service.output();
    const projectorErrors = output.match(/projection orders failed/g)?.length ?? 0;
    const dispatcherErrors = output.match(/dispatching (failed|stopped)/g)?.length ?? 0;
    expect(projectorErrors).toBeLessThanOrEqual(1);
    expect(dispatcherErrors).toBeLessThanOrEqual(1);
    expect(output).not.toMatch(/answered 500/);
    console.log(
      `storage faults: ${acceptedOnFullDisk} writes still fitted after the filler, then ${refused!.answer.status} ${refused!.answer.body.code}` +
        ` (retry-after ${refused!.answer.headers.get('retry-after')}); ready again ${readyAfterMs} ms after the filler was removed;` +
        ` ${acknowledged.length} acknowledged orders all readable; error lines: projector ${projectorErrors}, dispatcher ${dispatcherErrors}`,
    );
  });
});
