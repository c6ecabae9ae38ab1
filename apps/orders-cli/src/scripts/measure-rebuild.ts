/**
 * Measures the rebuild against a raw scan of the event table (SELECT + JSON.parse of data and
 * metadata) on the same data in the same run: a mixed workload of N orders (default 10 000) written
 * through the domain decider into a temporary DATA_DIR. Not a test: it prints figures.
 *   npm run measure:rebuild -- [orders] [rounds]      (RUNS=3, BATCH_SIZE=<the rebuild's default>, KEEP_DATA_DIR=<dir> to keep the data)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, SqliteEventStore } from '@orders/event-store';
import { rebuildProjections, SQLITE_PROJECTION_PARTS } from '@orders/read-models';
import { writeMixedWorkload } from '@orders/read-models/testing/mixed-workload';
import { withOrderUpcasting } from '@orders/backend';

const RUNS = Number(process.env.RUNS ?? 3);
const batchSize = process.env.BATCH_SIZE ? Number(process.env.BATCH_SIZE) : undefined;

function rawScan(file: string): { events: number; ms: number; cpuMs: number } {
  const db = new Database(file, { readonly: true });
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let events = 0;
  const rows = db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata, created_at FROM events ORDER BY position');
  for (const row of rows.iterate() as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    events++;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  db.close();
  return { events, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** The rebuild's read path alone: the whole log through the (upcasting) port in batches, with the parts' prefixes. */
async function portScan(eventStore: EventStore, batchSize = 50_000): Promise<{ events: number; ms: number }> {
  const streamPrefixes = [...new Set(SQLITE_PROJECTION_PARTS.flatMap((part) => part.streamPrefixes))];
  const started = process.hrtime.bigint();
  let events = 0;
  let fromPosition = 0;
  for (;;) {
    const batch = await eventStore.readAll({ fromPosition, maxCount: batchSize, streamPrefixes });
    const last = batch[batch.length - 1];
    if (!last) break;
    events += batch.length;
    fromPosition = last.position;
  }
  return { events, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 10_000);
  const rounds = Number(process.argv[3] ?? 4);
  // KEEP_DATA_DIR=<dir>: write the workload there and keep it (e.g. to try `npm run cli` on it)
  const keep = process.env.KEEP_DATA_DIR?.trim();
  const dir = keep || mkdtempSync(join(tmpdir(), 'measure-rebuild-'));
  try {
    const eventsFile = join(dir, 'events.sqlite');
    const raw = SqliteEventStore.open({ file: eventsFile });
    const written = await writeMixedWorkload(raw, { orders, rounds, seed: 2026 });
    const eventStore = withOrderUpcasting(raw);
    console.log(`workload: ${orders} orders, ${written} events (creates, replaces, status and delivery changes, actions, deletes)`);
    const scans: number[] = [];
    const rebuilds: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const scan = rawScan(eventsFile);
      scans.push((scan.events * 1000) / scan.ms);
      const port = await portScan(eventStore, batchSize);
      const cpu = process.cpuUsage();
      const result = await rebuildProjections({ eventStore, readModelsFile: join(dir, 'read-models.sqlite'), fresh: true, batchSize });
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      rebuilds.push((result.events * 1000) / result.elapsedMs);
      console.log(
        `run ${run}: raw scan ${scan.ms.toFixed(0)} ms (${Math.round(scans.at(-1)!)} events/s, ${scan.cpuMs.toFixed(0)} ms CPU); ` +
          `read through the port ${port.ms.toFixed(0)} ms (${Math.round((port.events * 1000) / port.ms)} events/s); ` +
          `rebuild ${result.elapsedMs} ms (${Math.round(rebuilds.at(-1)!)} events/s, ${cpuMs.toFixed(0)} ms CPU; applying per part: ${JSON.stringify(result.applyMsByPart)} ms)`,
      );
    }
    const best = (values: number[]) => Math.max(...values);
    console.log(
      `best: raw scan ${Math.round(best(scans))} events/s, rebuild ${Math.round(best(rebuilds))} events/s ` +
        `= ${((100 * best(rebuilds)) / best(scans)).toFixed(0)}% of raw`,
    );
    await eventStore.close();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
