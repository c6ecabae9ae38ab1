import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, SqliteEventStore } from '@orders/event-store';
import { DEFAULT_REBUILD_BATCH_SIZE, orderViewPart, rebuildProjections, SqliteReadModels, tuneForBulkWrites } from '@orders/read-models';
import { orderEventStore } from '@orders/backend';
import { SqliteSubjectKeyStore, SUBJECT_KEYS_FILE, SubjectKeys } from '@orders/personal-data';
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
  /**
   * A lower bound on any rebuild of this read store on one thread: the work it cannot skip besides
   * reading the log — JSON.stringify of the rebuilt order documents and inserting them into an empty
   * order_view table (one transaction + commit) — in seconds and as a multiple of one raw scan;
   * `bestRatioToRaw` = raw / (raw + that), the ratio a rebuild would reach if reading cost one raw
   * scan and it wrote nothing else (no segmentation rows, no registers, no swap).
   */
  floor: { stringifySeconds: number; insertSeconds: number; timesRawScan: number; bestRatioToRaw: number };
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

/** The event file as the service's readers see it: personal fields opened with `keys`, then upcast. */
const readerStore = (file: string, keys: SubjectKeys): EventStore => orderEventStore(SqliteEventStore.open({ file }), keys);

async function catchUp(file: string, keys: SubjectKeys, target: string): Promise<Timed> {
  const store = readerStore(file, keys);
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

/** The full rebuild as the CLI runs it (opening, upcasting store, default batch size) into an empty read-model file. */
async function rebuild(file: string, keys: SubjectKeys, target: string): Promise<Timed & { rows: number }> {
  const eventStore = readerStore(file, keys);
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

/** Times JSON.stringify and insert + commit of the order documents of a rebuilt file into an empty one. */
function writeDocumentsOnly(rebuilt: string, target: string): { stringifySeconds: number; insertSeconds: number } {
  const source = new Database(rebuilt, { readonly: true });
  const rows = source
    .prepare<
      [],
      {
        order_id: string;
        contact_id: string | null;
        created_at_ms: number;
        deleted: number;
        revision: number;
        doc: string;
        match_key_type: string;
        match_key: string | null;
      }
    >('SELECT order_id, contact_id, created_at_ms, deleted, revision, doc, match_key_type, match_key FROM order_view')
    .all();
  source.close();
  const records = rows.map((row) => JSON.parse(row.doc) as unknown);
  let started = performance.now();
  const docs = records.map((record) => JSON.stringify(record));
  const stringifySeconds = (performance.now() - started) / 1000;
  const db = new Database(target);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    tuneForBulkWrites(db);
    db.exec(orderViewPart.schema((table) => table));
    const insert = db.prepare(
      'INSERT INTO order_view (order_id, contact_id, created_at_ms, deleted, revision, doc, match_key_type, match_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    started = performance.now();
    db.transaction(() => {
      rows.forEach((row, i) =>
        insert.run(row.order_id, row.contact_id, row.created_at_ms, row.deleted, row.revision, docs[i]!, row.match_key_type, row.match_key),
      );
    })();
    return { stringifySeconds, insertSeconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

/**
 * Phase 6: the full rebuild over an event file (the one the service phases wrote) vs a raw scan of the
 * same table, plus the live projector's catch-up rate at its batch size. A first scan warms the OS page
 * cache for all of them.
 */
export async function measureRebuild(eventsFile: string, rounds: number): Promise<RebuildResult> {
  const dir = newTempDir('rebuild');
  // the keys beside the event file, as the service wrote them
  const keys = new SubjectKeys(SqliteSubjectKeyStore.open(join(dirname(eventsFile), SUBJECT_KEYS_FILE)));
  try {
    rawScan(eventsFile);
    // raw scans bracket every replay (scan, replay, scan, …) so that drifting load hits both alike
    const scans = [rawScan(eventsFile)];
    const replays: (Timed & { rows: number })[] = [];
    const catchUps: Timed[] = [];
    for (let r = 0; r < rounds; r++) {
      replays.push(await rebuild(eventsFile, keys, join(dir, `read-models-${r}.sqlite`)));
      scans.push(rawScan(eventsFile));
      catchUps.push(await catchUp(eventsFile, keys, join(dir, `catch-up-${r}.sqlite`)));
      scans.push(rawScan(eventsFile));
    }
    const sum = (runs: Timed[], key: keyof Timed): number => runs.reduce((total, run) => total + run[key], 0);
    const rawRate = round(sum(scans, 'events') / sum(scans, 'seconds'), 0);
    const rebuildRate = round(sum(replays, 'events') / sum(replays, 'seconds'), 0);
    const rawCpuUs = (1000 * sum(scans, 'cpuMs')) / sum(scans, 'events');
    const rebuildCpuUs = (1000 * sum(replays, 'cpuMs')) / sum(replays, 'events');
    const catchUpRate = round(sum(catchUps, 'events') / sum(catchUps, 'seconds'), 0);
    const write = writeDocumentsOnly(join(dir, 'read-models-0.sqlite'), join(dir, 'documents-only.sqlite'));
    const scanSeconds = sum(scans, 'seconds') / scans.length;
    const floorSeconds = write.stringifySeconds + write.insertSeconds;
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
      floor: {
        stringifySeconds: round(write.stringifySeconds, 3),
        insertSeconds: round(write.insertSeconds, 3),
        timesRawScan: ratio(floorSeconds, scanSeconds),
        bestRatioToRaw: ratio(scanSeconds, scanSeconds + floorSeconds),
      },
    };
  } finally {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
