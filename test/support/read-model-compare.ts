import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@orders/event-store';
import { SqliteReadModels } from '@orders/read-models';
import { canonicalRows, dumpedTables as tablesOf } from '@orders/read-models/sqlite/rebuild/canonical-dump';
import Database from 'better-sqlite3';
import { readEventFile } from './event-file';

export interface ReadModelComparison {
  tables: string[];
  /** rows compared in the live file */
  rows: number;
  /** rows only in the live file or only in the rebuild, over all tables */
  divergent: number;
  /** a few divergent rows, for the failure message */
  samples: string[];
}

/** Rows of `a` not in `b` (multiset difference), as strings. */
function missing(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const row of b) counts.set(row, (counts.get(row) ?? 0) + 1);
  const out: string[] = [];
  for (const row of a) {
    const left = counts.get(row) ?? 0;
    if (left > 0) counts.set(row, left - 1);
    else out.push(row);
  }
  return out;
}

/**
 * Replays the event file of `dataDir` into a fresh SqliteReadModels (up to the live checkpoint) and
 * compares a canonical dump of every table of the rebuild with the live read-model file. Both files
 * are read with read-only connections; run it when the service is stopped or idle.
 */
export async function compareReadModelsWithRebuild(dataDir: string): Promise<ReadModelComparison> {
  const live = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
  const scratch = mkdtempSync(join(tmpdir(), 'orders-rebuild-'));
  try {
    const checkpoint =
      live.prepare<[], { position: number }>("SELECT position FROM projection_checkpoints WHERE name = 'orders'").get()?.position ?? 0;
    const rebuilt = SqliteReadModels.open(join(scratch, 'read-models.sqlite'));
    const prefixes = (rebuilt as { streamPrefixes?: readonly string[] }).streamPrefixes;
    const events = readEventFile(dataDir).filter(
      (event) => event.position <= checkpoint && (!prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix))),
    );
    for (let at = 0; at < events.length; at += 500) {
      const batch = events.slice(at, at + 500) as unknown as RecordedEvent[];
      await rebuilt.applyBatch(batch, at + 500 >= events.length ? checkpoint : batch[batch.length - 1]!.position);
    }
    if (events.length === 0) await rebuilt.applyBatch([], checkpoint);
    await rebuilt.close();
    const fresh = new Database(join(scratch, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const tables = tablesOf(fresh);
      let rows = 0;
      const samples: string[] = [];
      let divergent = 0;
      for (const table of tables) {
        const expected = canonicalRows(fresh, table);
        const actual = tablesOf(live).includes(table) ? canonicalRows(live, table) : [];
        rows += actual.length;
        const extra = missing(actual, expected);
        const lacking = missing(expected, actual);
        divergent += extra.length + lacking.length;
        samples.push(...extra.slice(0, 2).map((row) => `${table} live only: ${row.slice(0, 300)}`));
        samples.push(...lacking.slice(0, 2).map((row) => `${table} rebuild only: ${row.slice(0, 300)}`));
      }
      return { tables, rows, divergent, samples };
    } finally {
      fresh.close();
    }
  } finally {
    live.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
