import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageFaultError } from '../storage-fault';
import { newEvents } from '../testing/contract-helpers';
import { mountSmallTmpfs } from '../testing/tmpfs';
import { SqliteEventStore } from './sqlite-event-store';

const disk = mountSmallTmpfs('4m');
if ('skipped' in disk) console.warn(`sqlite event store on a full disk: skipped: ${disk.skipped}`);
afterAll(() => ('skipped' in disk ? undefined : disk.unmount()));

describe.skipIf('skipped' in disk)('SqliteEventStore on a full disk (a real tmpfs)', () => {
  it('fails an append with StorageFaultError "full", writes none of it, keeps reading, and appends again once space is freed', async () => {
    if ('skipped' in disk) return;
    const store = SqliteEventStore.open({ file: join(disk.dir, 'events.sqlite') });
    try {
      await store.appendToStream('order-a', newEvents(3), { expectedRevision: 'no_stream' });
      disk.fill();

      // a batch far larger than what may still fit in pages SQLite already has
      const big = newEvents(200).map((event) => ({ ...event, data: { blob: 'x'.repeat(4000) } }));
      const failure = await store.appendToStream('order-b', big, { expectedRevision: 'no_stream' }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(StorageFaultError);
      expect(failure).toMatchObject({ kind: 'full', store: 'events', code: 'STORAGE_FAULT' });
      expect(await store.readStream('order-b')).toStrictEqual([]);
      expect((await store.readStream('order-a')).map((event) => event.revision)).toStrictEqual([0, 1, 2]);

      disk.free();
      const appended = await store.appendToStream('order-b', big, { expectedRevision: 'no_stream' });
      expect(appended.nextExpectedRevision).toBe(199);
    } finally {
      await store.close();
    }
  });
});
