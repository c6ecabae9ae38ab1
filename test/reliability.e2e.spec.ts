import { encodeVersionTag } from '@orders/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { newDataDir, removeDataDir, startService } from './support/service-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDataDir));

describe('durability', () => {
  it('an order acknowledged with 202 survives SIGKILL right after the answer', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const service = await startService({ dataDir });
      const api = client(service.url);
      const burst = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const order = minimalOrder(newOrderId('crash'), 'c-crash');
          const answer = await api.post('/api/v3/orders', order);
          return answer.status === 202 ? order.orderId : null;
        }),
      );
      acknowledged.push(...burst.filter((id): id is string => id !== null));
      await service.kill();
    }
    expect(acknowledged).toHaveLength(60);
    const service = await startService({ dataDir });
    const api = client(service.url);
    try {
      // the projector catches up right after the restart; give it a bounded moment
      for (let tries = 0; tries < 50; tries++) {
        if ((await api.get('/api/v3/orders?contactId=c-crash&count=100')).body.totalCount === 60) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const orderId of acknowledged) {
        expect((await api.get(`/api/v3/orders/${orderId}`)).status, orderId).toBe(200);
      }
      expect((await api.get('/api/v3/orders?contactId=c-crash&count=100')).body.totalCount).toBe(60);
    } finally {
      await service.stop();
    }
  }, 90_000); // four service processes start one after another; on a loaded 2-core machine that alone took over 30 s

  it('a pending job completes after a restart with the projector on; state and checkpoint persist', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const order = minimalOrder(newOrderId(), 'c-pending');
    const writer = await startService({ dataDir, env: { PROJECTOR_ENABLED: 'false' } });
    const accepted = await client(writer.url).post('/api/v3/orders', order);
    const location = accepted.headers.get('location')!;
    const pending = await client(writer.url).get(location);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ status: 'Pending', orderId: order.orderId });
    expect(pending.headers.get('location')).toBe(location);
    expect((await client(writer.url).get(`/api/v3/orders/${order.orderId}`)).status).toBe(404);
    expect([0, 'SIGTERM']).toContain(await writer.stop());

    const reader = await startService({ dataDir });
    const done = await client(reader.url).waitForJob(location);
    expect(done.status).toBe(302);
    expect((await client(reader.url).get(`/api/v3/orders/${order.orderId}`)).body.orderId).toBe(order.orderId);
    await reader.stop();
  });
});

describe('concurrency', () => {
  it('50 parallel status changes on one order: all acknowledged, none lost, revisions 1..50', async () => {
    const service = await startService();
    dirs.push(service.dataDir);
    const api = client(service.url);
    try {
      const order = minimalOrder(newOrderId('hot'), 'c-hot');
      const created = await api.post('/api/v3/orders', order);
      await api.waitForJob(created.headers.get('location')!);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => api.post(`/api/v3/orders/${order.orderId}/change-status`, { externalStatus: `step-${i}` })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
      const jobs = await Promise.all(answers.map((a) => api.waitForJob(a.headers.get('location')!)));
      const tags = jobs.map((job) => job.body.versionTag as string);
      const expected = Array.from({ length: 50 }, (_, i) => encodeVersionTag(order.orderId, i + 1));
      expect(new Set(tags)).toEqual(new Set(expected));
      const read = await api.get(`/api/v3/orders/${order.orderId}`);
      expect(read.body.versionTag).toBe(encodeVersionTag(order.orderId, 50));
      expect(read.body.externalStatus).toBe(`step-${tags.indexOf(read.body.versionTag)}`);
    } finally {
      await service.stop();
    }
  });
});
