import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@orders/event-store';
import { SqliteReadModels } from '@orders/read-models';
import { newTempDir } from '../support/service';
import { ratio, round } from '../support/stats';

export interface RebuildResult {
  events: number;
  /** events per second: readAll in batches + SqliteReadModels.applyBatch into an empty read-model file */
  rebuildEventsPerSecond: number;
  /** events per second: one SELECT over the events table, JSON.parse of data and metadata */
  rawScanEventsPerSecond: number;
  ratioToRaw: number;
  orderViewRows: number;
  batchSize: number;
}

const BATCH = 500; // the projector's default batch size

interface ScanRow {
  data: string;
  metadata: string;
}

function rawScan(file: string): { events: number; seconds: number } {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db.prepare<[], ScanRow>(
      'SELECT position, stream_id, revision, event_id, type, data, metadata, created_at FROM events ORDER BY position',
    );
    const started = performance.now();
    let events = 0;
    for (const row of statement.iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      events++;
    }
    return { events, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

async function replay(file: string, target: string): Promise<{ events: number; seconds: number; rows: number }> {
  const store = SqliteEventStore.open({ file });
  const readModels = SqliteReadModels.open(target);
  try {
    const started = performance.now();
    let position = 0;
    let events = 0;
    for (;;) {
      const batch = await store.readAll({ fromPosition: position, maxCount: BATCH });
      const last = batch[batch.length - 1];
      if (!last) break;
      await readModels.applyBatch(batch, last.position);
      position = last.position;
      events += batch.length;
    }
    const seconds = (performance.now() - started) / 1000;
    const db = new Database(target, { readonly: true });
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM order_view').get() as { n: number }).n;
    db.close();
    return { events, seconds, rows };
  } finally {
    await readModels.close();
    await store.close();
  }
}

/**
 * Phase 6: projection replay over an event file (the one the service phases wrote) vs a raw scan of
 * the same table. A first scan warms the OS page cache for both.
 */
export async function measureRebuild(eventsFile: string): Promise<RebuildResult> {
  const dir = newTempDir('rebuild');
  try {
    rawScan(eventsFile);
    const scan = rawScan(eventsFile);
    const rebuilt = await replay(eventsFile, join(dir, 'read-models.sqlite'));
    const rawRate = round(scan.events / scan.seconds, 0);
    const rebuildRate = round(rebuilt.events / rebuilt.seconds, 0);
    return {
      events: rebuilt.events,
      rebuildEventsPerSecond: rebuildRate,
      rawScanEventsPerSecond: rawRate,
      ratioToRaw: ratio(rebuildRate, rawRate),
      orderViewRows: rebuilt.rows,
      batchSize: BATCH,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
