import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '@orders/backend';
import { SqliteEventStore } from '@orders/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from './support/cli-run';
import { minimalOrder } from './support/orders';

const EMAIL = 'before.encryption@example.com';

describe('npm run cli -- personal-data encrypt', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('encrypts an embedded log written before encryption without losing an order; the service reads it as before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
    dirs.push(dataDir);
    const plain = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    const orders = Array.from({ length: 30 }, (_, i) => ({
      ...minimalOrder(`old-${i}`, 'x'),
      type: 'Purchase',
      createdAt: '2026-01-01T00:00:00Z',
      contact: { matchKeyType: 'Email', matchKey: i % 2 ? EMAIL : `other-${i}@example.com` },
    }));
    for (const order of orders)
      await plain.appendToStream(`order-${order.orderId}`, [{ id: `e-${order.orderId}`, type: 'OrderRegistered', data: { order } }]);
    const before = await plain.readAll();
    await plain.close();
    expect(readFileSync(join(dataDir, 'events.sqlite')).includes(EMAIL)).toBe(true);

    const run = await runCliInProcess({ DATA_DIR: dataDir }, 'personal-data', 'encrypt', '--no-progress');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('30 of 30 events sealed');
    const files = readdirSync(dataDir).filter((name) => name.startsWith('events'));
    for (const name of files) expect(readFileSync(join(dataDir, name)).includes(EMAIL), name).toBe(false);

    const backend = openBackend({ dataDir }, () => undefined);
    expect(await backend.orderEvents.readAll()).toEqual(before);
    await backend.close();
    expect((await runCliInProcess({ DATA_DIR: dataDir }, 'personal-data', 'encrypt', '--no-progress')).out).toContain(
      '0 of 30 events sealed',
    );
  });

  it('explains itself, and refuses a distributed backend with guidance', async () => {
    const help = await runCliInProcess({}, 'personal-data', 'encrypt', '--help');
    expect(help.out).toMatch(/encrypt the personal fields/);
    const distributed = await runCliInProcess(
      { EVENTSTORE_URL: 'esdb://127.0.0.1:9?tls=false', MONGODB_URL: 'mongodb://127.0.0.1:9/x' },
      'personal-data',
      'encrypt',
    );
    expect(distributed.code).toBe(1);
    expect(distributed.err).toMatch(/docs\/personal-data\.md#existing-data/);
  });
});
