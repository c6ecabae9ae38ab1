import type Database from 'better-sqlite3';
import type { SqliteProjectionPart } from '../parts/sqlite-projection-part';

/**
 * Every row of every part's tables as sorted JSON lines, per table: two read-model files with the
 * same dump hold the same read models. Used to compare a rebuild with the live projection.
 */
export function canonicalDump(db: Database.Database, parts: readonly SqliteProjectionPart[]): Record<string, string[]> {
  const dump: Record<string, string[]> = {};
  for (const part of parts) {
    for (const table of [...part.tables, ...(part.queryTables ?? [])]) {
      dump[table] = canonicalRows(db, table);
    }
  }
  return dump;
}

/**
 * One table's rows as sorted canonical JSON lines. A virtual table (the full-text SKU terms) keeps no rows
 * to read back: its vocabulary stands for it, each term with the number of rows that hold it. (Its shadow
 * tables hold segments whose layout depends on how the rows were written; leave them out, see
 * {@link dumpedTables}.)
 */
export function canonicalRows(db: Database.Database, table: string): string[] {
  const virtual = db.prepare("SELECT 1 FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual' AND name = ?").get(table);
  let sql = `SELECT * FROM ${quote(table)}`;
  if (virtual) {
    const vocabulary = quote(`${table}__vocabulary`);
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocabulary} USING fts5vocab(main, ${quote(table)}, 'row')`);
    sql = `SELECT term, doc FROM temp.${vocabulary}`;
  }
  const rows = db.prepare(sql).all() as Record<string, unknown>[];
  return rows.map((row) => JSON.stringify(canonical(row))).sort();
}

/** The tables of a read-model file whose rows say what it holds: its tables and virtual tables, not their shadow tables. */
export function dumpedTables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Objects with sorted keys (also inside JSON text columns), so that key order does not matter. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string' && (value.startsWith('{') || value.startsWith('['))) {
    try {
      return canonical(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
