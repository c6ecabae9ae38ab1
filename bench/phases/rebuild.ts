import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@orders/event-store';
import { DEFAULT_REBUILD_BATCH_SIZE, rebuildProjections, SqliteReadModels } from '@orders/read-models';
import { withOrderUpcasting } from '../../apps/orders-service/src/infrastructure/order-event-store';
import { newTempDir } from '../support/service';
import { ratio, round } from '../support/stats';

export interface RebuildResult {
  events: number;
  /** events per second of `rebuildProjections` (what `npm run cli -- projections rebuild` runs) into an empty read-model file */
  rebuildEventsPerSecond: number;
  /** events per second: one SELECT over the events table, JSON.parse of data and metadata */
  rawScanEventsPerSecond: number;
  ratioToRaw: number;
  /** CPU µs per event of this process; their ratio is steadier than the throughput ratio under noise */
  cpuUsPerEvent: { rebuild: number; rawScan: number };
  cpuRatioToRaw: number;
  orderViewRows: number;
  batchSize: number;
  rounds: number;
  /** the live projector catching up: readAll in batches of 500 + SqliteReadModels.applyBatch (every index kept up to date) */
  catchUp: { eventsPerSecond: number; ratioToRaw: number; batchSize: number };
}

const CATCH_UP_BATCH = 500; // the projector's default batch size

interface ScanRow {
  data: string;
  metadata: string;
}

function rawScan(file: string): Timed {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db.prepare<[], ScanRow>(
      'SELECT position, stream_id, revision, event_id, type, data, metadata, created_at FROM events ORDER BY position',
    );
    const started = performance.now();
    const cpu = process.cpuUsage();
    let events = 0;
    for (const row of statement.iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      events++;
    }
    return { events, seconds: (performance.now() - started) / 1000, cpuMs: cpuMsSince(cpu) };
  } finally {
    db.close();
  }
}

interface Timed {
  events: number;
  seconds: number;
  /** CPU time of this process meanwhile (user + system) */
  cpuMs: number;
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

async function catchUp(file: string, target: string): Promise<Timed> {
  const store = SqliteEventStore.open({ file });
  const readModels = SqliteReadModels.open(target);
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let position = 0;
    let events = 0;
    for (;;) {
      const batch = await store.readAll({ fromPosition: position, maxCount: CATCH_UP_BATCH });
      const last = batch[batch.length - 1];
      if (!last) break;
      await readModels.applyBatch(batch, last.position);
      position = last.position;
      events += batch.length;
    }
    return { events, seconds: (performance.now() - started) / 1000, cpuMs: cpuMsSince(cpu) };
  } finally {
    await readModels.close();
    await store.close();
  }
}

/** The full rebuild as the CLI runs it (upcasting store, default batch size) into an empty read-model file. */
async function rebuild(file: string, target: string): Promise<Timed & { rows: number }> {
  const eventStore = withOrderUpcasting(SqliteEventStore.open({ file }));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await rebuildProjections({ eventStore, readModelsFile: target, fresh: true });
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpu);
    const db = new Database(target, { readonly: true });
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM order_view').get() as { n: number }).n;
    db.close();
    return { events: result.events, seconds, cpuMs, rows };
  } finally {
    await eventStore.close();
  }
}

/**
 * Phase 6: the full rebuild over an event file (the one the service phases wrote) vs a raw scan of the
 * same table, plus the live projector's catch-up rate at its batch size. A first scan warms the OS page
 * cache for all of them.
 */
export async function measureRebuild(eventsFile: string, rounds: number): Promise<RebuildResult> {
  const dir = newTempDir('rebuild');
  try {
    rawScan(eventsFile);
    // raw scans bracket every replay (scan, replay, scan, …) so that drifting load hits both alike
    const scans = [rawScan(eventsFile)];
    const replays: (Timed & { rows: number })[] = [];
    const catchUps: Timed[] = [];
    for (let r = 0; r < rounds; r++) {
      replays.push(await rebuild(eventsFile, join(dir, `read-models-${r}.sqlite`)));
      scans.push(rawScan(eventsFile));
      catchUps.push(await catchUp(eventsFile, join(dir, `catch-up-${r}.sqlite`)));
      scans.push(rawScan(eventsFile));
    }
    const sum = (runs: Timed[], key: keyof Timed): number => runs.reduce((total, run) => total + run[key], 0);
    const rawRate = round(sum(scans, 'events') / sum(scans, 'seconds'), 0);
    const rebuildRate = round(sum(replays, 'events') / sum(replays, 'seconds'), 0);
    const rawCpuUs = (1000 * sum(scans, 'cpuMs')) / sum(scans, 'events');
    const rebuildCpuUs = (1000 * sum(replays, 'cpuMs')) / sum(replays, 'events');
    const catchUpRate = round(sum(catchUps, 'events') / sum(catchUps, 'seconds'), 0);
    return {
      events: replays[0]!.events,
      rebuildEventsPerSecond: rebuildRate,
      rawScanEventsPerSecond: rawRate,
      ratioToRaw: ratio(rebuildRate, rawRate),
      cpuUsPerEvent: { rebuild: round(rebuildCpuUs, 1), rawScan: round(rawCpuUs, 1) },
      cpuRatioToRaw: ratio(rawCpuUs, rebuildCpuUs),
      orderViewRows: replays[0]!.rows,
      batchSize: DEFAULT_REBUILD_BATCH_SIZE,
      rounds,
      catchUp: { eventsPerSecond: catchUpRate, ratioToRaw: ratio(catchUpRate, rawRate), batchSize: CATCH_UP_BATCH },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
