import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embeddedProjections } from '@orders/backend';
import { mongoProjections } from '@orders/backend/mongo-projections-admin';
import { SqliteEventStore } from '@orders/event-store';
import { SqliteReadModels } from '@orders/read-models';
import { MongoReadModels } from '@orders/read-models/mongo';
import { MongoRebuildLock } from '@orders/read-models/mongo/rebuild';
import { writeMixedWorkload } from '@orders/read-models/testing/mixed-workload';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { CliError } from '../cli-context';
import { runRebuild } from './projections-rebuild';
import { printStatus, statusReport } from './projections-status';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One log, projected both into the embedded read-model file and into (in-memory) MongoDB; the projections of each backend. */
async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'cli-projections-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const eventsFile = join(dir, 'events.sqlite');
  const readModelsFile = join(dir, 'read-models.sqlite');
  const eventStore = SqliteEventStore.open({ file: eventsFile });
  cleanups.push(() => eventStore.close());
  await writeMixedWorkload(eventStore, { orders: 30, seed: 9 });
  await eventStore.appendToStream('unrelated-1', [{ id: crypto.randomUUID(), type: 'Other', data: {} }]);
  const events = await eventStore.readAll();
  const head = await eventStore.headPosition();
  const sqlite = SqliteReadModels.open(readModelsFile);
  await sqlite.applyBatch(events.slice(0, 40), events[39]!.position);
  await sqlite.close();
  const mongo = await MongoReadModels.open(new FakeMongoDb().asDb());
  await mongo.applyBatch(events.slice(0, 40), events[39]!.position);
  const embedded = embeddedProjections(eventStore, readModelsFile);
  const distributed = mongoProjections(eventStore, mongo);
  return { embedded, distributed, mongo, head, lagging: events[39]!.position };
}

async function printed(action: () => Promise<void> | void): Promise<string> {
  let out = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  try {
    await action();
  } finally {
    log.mockRestore();
  }
  return out;
}

describe('projections status: the same figures and format on both backends', () => {
  it('position, head, lag, caught-up per projection, as text and as JSON', async () => {
    const { embedded, distributed, head, lagging } = await setUp();
    const [a, b] = [await statusReport(embedded), await statusReport(distributed)];
    expect(a).toEqual({ items: [{ name: 'orders', position: lagging, head, lag: head - lagging, caughtUp: false }], rebuildRunning: null });
    expect(b).toEqual(a);
    expect(await printed(() => printStatus(b))).toBe(await printed(() => printStatus(a)));
    expect(await printed(() => printStatus(b))).toMatch(/^projection +position +head +lag +caught-up\norders +\d+ +\d+ +\d+ +no\n$/);
    expect(JSON.parse(await printed(() => printStatus(b, true)))).toEqual(a);
  });

  it('names a running Mongo rebuild as the embedded one', async () => {
    const { distributed, mongo } = await setUp();
    await new MongoRebuildLock(mongo.db, mongo.name, 60_000).acquire();
    const report = await statusReport(distributed);
    expect(report.rebuildRunning).toMatchObject({ pid: process.pid, expiresAt: expect.any(Number) });
    expect(await printed(() => printStatus(report))).toContain(`rebuild running: pid ${process.pid} on `);
  });
});

describe('projections rebuild on MongoDB (in-memory)', () => {
  it('rebuilds, catches the checkpoint up to the head and prints the summary with the pause and the swap window', async () => {
    const { distributed, mongo, head } = await setUp();
    const out = await printed(() => runRebuild(distributed, 'orders', { batchSize: 25, progress: false }));
    expect(out).toMatch(
      /^rebuilt projection 'orders': \d+ events in [\d.]+ s \(\d+ events\/s\); live checkpoint now \d+; live projector paused [\d.]+ s, collections swapped in \d+ ms\n$/,
    );
    expect(await mongo.checkpoint()).toBe(head);
  });

  it('refuses an unknown projection name and a rebuild that is already running (exit code 1)', async () => {
    const { distributed, mongo } = await setUp();
    await expect(runRebuild(distributed, 'nope', { batchSize: 25, progress: false })).rejects.toThrow(
      /unknown projection 'nope' \(the MongoDB read store has one projection, 'orders'/,
    );
    await new MongoRebuildLock(mongo.db, mongo.name, 60_000).acquire();
    const error = await runRebuild(distributed, undefined, { batchSize: 25, progress: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: 1, message: expect.stringMatching(/^a rebuild is already running \(pid \d+ on /) });
  });
});
