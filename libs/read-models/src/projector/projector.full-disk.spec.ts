import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { orderStreamId } from '@orders/domain';
import { SqliteEventStore, StorageFaultError } from '@orders/event-store';
import { mountSmallTmpfs, openTempStore } from '@orders/event-store/testing';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { testOrder } from '../testing/read-model-log';
import { Projector } from './projector';

const disk = mountSmallTmpfs('4m');
if ('skipped' in disk) console.warn(`projector on a full disk: skipped: ${disk.skipped}`);
afterAll(() => ('skipped' in disk ? undefined : disk.unmount()));

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.skipIf('skipped' in disk)('Projector with its read models on a full disk (a real tmpfs)', () => {
  it('backs off, logs once when it starts failing and once when it recovers, and resumes from its checkpoint', async () => {
    if ('skipped' in disk) return;
    const temp = await openTempStore();
    const events: SqliteEventStore = temp.store;
    const readModels = SqliteReadModels.open(join(disk.dir, 'read-models.sqlite'));
    const logs: { level: string; message: string }[] = [];
    const changes: string[] = [];
    const projector = new Projector(events, readModels, {
      streamPrefixes: ['order-'],
      retryDelayMs: 5,
      maxRetryDelayMs: 40,
      log: (level, message) => logs.push({ level, message }),
      onFailing: (error) => changes.push(error instanceof StorageFaultError ? `failing:${error.kind}` : 'failing:other'),
      onRecovered: () => changes.push('recovered'),
    });
    try {
      await events.appendToStream(orderStreamId('before'), [
        { id: crypto.randomUUID(), type: 'OrderRegistered', data: { order: testOrder('before', 'c1') } },
      ]);
      await projector.start();
      await until(async () => (await readModels.getOrder('before')) !== null);
      const checkpoint = await readModels.checkpoint();

      disk.fill();
      for (let i = 0; i < 40; i++) {
        const note = 'n'.repeat(2000);
        const order = { ...testOrder(`full-${i}`, 'c1'), externalStatus: note.slice(0, 1) };
        await events.appendToStream(orderStreamId(`full-${i}`), [
          { id: crypto.randomUUID(), type: 'OrderRegistered', data: { order, note } },
        ]);
      }
      await until(() => (projector.status().failing?.failures ?? 0) >= 5);
      expect(await readModels.checkpoint()).toBe(checkpoint); // nothing half-applied: the checkpoint did not move
      expect(await readModels.getOrder('full-0')).toBeNull();

      disk.free();
      await until(async () => (await readModels.getOrder('full-39')) !== null);
      expect(await readModels.checkpoint()).toBe(await events.headPosition());
      expect(projector.status().failing).toBeNull();
      expect(changes).toStrictEqual(['failing:full', 'recovered']);
      expect(logs.map((line) => line.level)).toStrictEqual(['error', 'info']);
      expect(logs[1]!.message).toMatch(/recovered after \d+ failed attempts/);
    } finally {
      await projector.stop();
      await readModels.close();
      await temp.cleanup();
    }
  });
});
