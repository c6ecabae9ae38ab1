import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_EVENT_SCHEMA_VERSION, orderStreamId } from '@orders/domain';
import { type RecordedEvent, SqliteEventStore } from '@orders/event-store';
import { OrderCommands } from '@orders/application';
import { runCliInProcess } from './support/cli-run';
import { minimalOrder } from './support/orders';
import { newDataDir, removeDataDir } from './support/service-process';

const dirs: string[] = [];
const dataDir = (): string => {
  const dir = newDataDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach(removeDataDir));

/** every event of the data set, read after the CLI has closed it */
async function eventsOf(dir: string): Promise<RecordedEvent[]> {
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

const byStream = (events: RecordedEvent[], prefix: string): Map<string, RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events.filter((e) => e.streamId.startsWith(prefix)))
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
};

describe('demo load --orders 50 into an empty DATA_DIR', () => {
  let dir: string;
  let first: RecordedEvent[];

  beforeAll(async () => {
    dir = dataDir();
    const run = await runCliInProcess({ DATA_DIR: dir }, 'demo', 'load', '--orders', '50', '--no-progress');
    expect(run, run.err).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/^orders: +50 written, 0 already there/m);
    expect(run.out).toMatch(/^registers: +\d+ contacts, \d+ articles, 5 stores written, 0 already there/m);
    expect(run.out).toContain("The running service's projector picks these events up");
    first = await eventsOf(dir);
  });

  it('writes the 50 orders as the service would: OrderRegistered first, with schemaVersion, correlation, job id and writer', () => {
    const orders = byStream(first, 'order-');
    expect([...orders.keys()].sort()).toEqual(Array.from({ length: 50 }, (_, i) => orderStreamId(`demo-1-${i + 1}`)).sort());
    for (const events of orders.values()) {
      expect(events[0]).toMatchObject({
        revision: 0,
        type: 'OrderRegistered',
        metadata: { schemaVersion: ORDER_EVENT_SCHEMA_VERSION, apiKeyName: 'cli:demo-load' },
      });
      expect(events[0]!.metadata).toMatchObject({
        correlationId: expect.any(String),
        causationId: expect.any(String),
        jobId: expect.any(String),
      });
      expect(events.slice(1).every((e) => e.type === 'OrderStatusChanged')).toBe(true);
    }
    expect([...orders.values()].some((events) => events.length === 2)).toBe(true); // some completed later
  });

  it('writes contacts, articles and stores for them', () => {
    expect(byStream(first, 'contact-').size).toBe(12); // 13 customers, contact-10 left out
    expect(byStream(first, 'article-').size).toBeGreaterThan(10);
    expect([...byStream(first, 'store-').keys()].sort()).toEqual([
      'store-store-1',
      'store-store-2',
      'store-store-3',
      'store-store-4',
      'store-store-5',
    ]);
  });

  it('a second run with the same seed writes nothing; a larger one only the new orders', async () => {
    const again = await runCliInProcess({ DATA_DIR: dir }, 'demo', 'load', '--orders', '50', '--no-progress');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^orders: +0 written, 50 already there \(skipped, never overwritten\)/m);
    expect(again.out).toMatch(/^events: +0 appended/m);
    expect(await eventsOf(dir)).toEqual(first);

    const more = await runCliInProcess({ DATA_DIR: dir }, 'demo', 'load', '--orders', '55', '--no-progress');
    expect(more.out).toMatch(/^orders: +5 written, 50 already there/m);
    const after = await eventsOf(dir);
    expect(after.slice(0, first.length)).toEqual(first);
    expect(new Set(after.slice(first.length).map((e) => e.streamId))).toContain(orderStreamId('demo-1-55'));
  });
});

describe('demo load next to existing data', () => {
  it('never overwrites an orderId that exists; it is reported as already there', async () => {
    const dir = dataDir();
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    await new OrderCommands(store).execute(
      'demo-9-2',
      { type: 'RegisterOrder', order: minimalOrder('demo-9-2') as never },
      { correlationId: 'mine' },
    );
    await store.close();
    const run = await runCliInProcess({ DATA_DIR: dir }, 'demo', 'load', '--orders', '3', '--seed', '9', '--no-progress');
    expect(run.out).toMatch(/^orders: +2 written, 1 already there/m);
    const mine = (await eventsOf(dir)).filter((e) => e.streamId === orderStreamId('demo-9-2'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.metadata.correlationId).toBe('mine');
  });
});

describe('demo: help and errors', () => {
  it('--help on demo and on demo load describes the command', async () => {
    const demo = await runCliInProcess({}, 'demo', '--help');
    expect(demo).toMatchObject({ code: 0, out: expect.stringContaining('load [options]') });
    const load = await runCliInProcess({}, 'demo', 'load', '--help');
    expect(load.code).toBe(0);
    expect(load.out).toContain('--orders <n>');
    expect(load.out).toContain('--seed <s>');
    expect(load.out).toContain('never\noverwritten');
    expect((await runCliInProcess({}, '--help')).out).toMatch(/^ {2}demo +demo data/m);
  });

  it.each([[['demo', 'nosuch']], [['demo', 'nosuch', '--help']], [['nosuch', '--help']], [['demo', 'load']]])(
    '%j is an error with exit code 1',
    async (args) => {
      const run = await runCliInProcess({ DATA_DIR: dataDir() }, ...args);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/^error: (unknown command 'nosuch'|required option '--orders <n>' not specified)/);
    },
  );

  it('bad option values are refused before anything is opened', async () => {
    expect(await runCliInProcess({ DATA_DIR: '/nonexistent/x' }, 'demo', 'load', '--orders', 'ten')).toMatchObject({
      code: 1,
      err: "error: --orders must be an integer from 1 to 1000000, got 'ten'\n",
    });
    expect((await runCliInProcess({}, 'demo', 'load', '--orders', '5', '--seed', '-1')).err).toMatch(/^error: --seed must be an integer/);
  });

  it('any failure prints `error: <message>` without a stack (the stack only with DEBUG) and exits 1', async () => {
    const file = join(dataDir(), 'a-file');
    writeFileSync(file, '');
    const run = await runCliInProcess({ DATA_DIR: file }, 'demo', 'load', '--orders', '1', '--no-progress');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: EEXIST: file already exists, mkdir '.*a-file'\n$/);
    const debug = await runCliInProcess({ DATA_DIR: file, DEBUG: '1' }, 'demo', 'load', '--orders', '1', '--no-progress');
    expect(debug.err).toMatch(/^error: EEXIST[^\n]*\nError: EEXIST[^\n]*\n\s+at /);
  });
});
