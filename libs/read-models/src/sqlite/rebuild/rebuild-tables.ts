import type Database from 'better-sqlite3';
import type { SqliteProjectionPart, TableNamer } from '../parts/sqlite-projection-part';

/** Name of the embedded backend's projection (one checkpoint for all parts). */
export const EMBEDDED_PROJECTION = 'orders';

/** Suffix of the tables a rebuild fills before they replace the live ones. */
export const REBUILD_SUFFIX = '__rebuild';

export const liveNamer: TableNamer = (table) => table;
export const rebuildNamer: TableNamer = (table) => `${table}${REBUILD_SUFFIX}`;

/** A fingerprint of the parts and their tables: a rebuild resumes only into tables of the same shape. */
export function partsSignature(parts: readonly SqliteProjectionPart[]): string {
  const ddl = (part: SqliteProjectionPart) =>
    `${part.schema(liveNamer)}${part.queryIndexes?.(liveNamer) ?? ''}`.replace(/\s+/g, ' ').trim();
  return parts.map((part) => `${part.name}(${part.tables.join(',')}):${ddl(part)}`).join('|');
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Drops every suffixed table (and with it its indexes). */
export function dropRebuildTables(db: Database.Database, parts: readonly SqliteProjectionPart[]): void {
  for (const part of parts) for (const table of part.tables) db.exec(`DROP TABLE IF EXISTS ${quote(rebuildNamer(table))}`);
}

/** Creates every part's tables and the indexes its writes need under the rebuild suffix (idempotent); query indexes come at the swap. */
export function createRebuildTables(db: Database.Database, parts: readonly SqliteProjectionPart[]): void {
  for (const part of parts) db.exec(part.schema(rebuildNamer));
}

/**
 * Replaces the live tables by the rebuilt ones; call inside the swap transaction. SQLite cannot
 * rename an index, so the suffixed indexes are dropped and each part's own DDL (`IF NOT EXISTS`)
 * creates them again under their live names on the renamed tables, the query indexes with them —
 * each built once from the filled table; the query tables are dropped, created and filled the same way.
 */
export function swapInRebuildTables(db: Database.Database, parts: readonly SqliteProjectionPart[]): void {
  const indexesOf = db.prepare<[string], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
  );
  for (const part of parts) {
    for (const table of part.tables) {
      const rebuilt = rebuildNamer(table);
      for (const { name } of indexesOf.all(rebuilt)) db.exec(`DROP INDEX ${quote(name)}`);
      db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
      db.exec(`ALTER TABLE ${quote(rebuilt)} RENAME TO ${quote(table)}`);
    }
    for (const table of part.queryTables ?? []) db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
    db.exec(part.schema(liveNamer) + (part.queryIndexes?.(liveNamer) ?? ''));
    part.fillQueryTables?.(db, liveNamer);
  }
}
