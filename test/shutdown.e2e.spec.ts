import { afterAll, describe, expect, it } from 'vitest';
import { readEventFile, waitForProjection } from './support/event-file';
import { client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { compareReadModelsWithRebuild } from './support/read-model-compare';
import { newDataDir, removeDataDir, startService } from './support/service-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDataDir));

describe('graceful shutdown (SIGTERM)', () => {
  it('SIGTERM during a write burst: every 202 answered before shutdown is present after restart', { timeout: 60_000 }, async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const service = await startService({ dataDir });
    const api = client(service.url);
    const acknowledged: string[] = [];
    const answers = new Map<string, number>();
    let terminating = false;
    const writers = Array.from({ length: 16 }, async (_, w) => {
      for (let n = 0; ; n++) {
        const order = minimalOrder(newOrderId(`term-${w}`), 'c-term');
        let status: number | string;
        try {
          status = (await api.post('/api/v3/orders', order)).status;
        } catch {
          status = 'connection closed';
        }
        answers.set(String(status), (answers.get(String(status)) ?? 0) + 1);
        if (status === 202) acknowledged.push(order.orderId);
        else if (!terminating) throw new Error(`answer ${status} before SIGTERM`);
        else return; // 503 while closing, or the listener is gone
      }
    });
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 2));
    terminating = true;
    const exit = await service.stop();
    await Promise.all(writers);
    expect(exit).toBe(0); // a clean shutdown exits 0 (it used to re-raise the signal: 143)
    // nothing logged at error level (pino 50/60, or Nest's ERROR) while closing
    expect(service.output()).not.toMatch(/"level":[56]0|\bERROR\b/);

    const events = readEventFile(dataDir);
    const stored = new Set(events.map((e) => e.data.order?.orderId));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    const restarted = await startService({ dataDir });
    try {
      await waitForProjection(dataDir);
      const again = client(restarted.url);
      for (const orderId of acknowledged) expect((await again.get(`/api/v3/orders/${orderId}`)).status, orderId).toBe(200);
      expect((await again.get('/api/v3/orders?contactId=c-term&count=1')).body.totalCount).toBe(events.length);
    } finally {
      await restarted.stop();
    }
    expect((await compareReadModelsWithRebuild(dataDir)).divergent).toBe(0);
    console.log(`SIGTERM after ${acknowledged.length} acknowledged registers; answers ${JSON.stringify(Object.fromEntries(answers))}`);
  });
});
