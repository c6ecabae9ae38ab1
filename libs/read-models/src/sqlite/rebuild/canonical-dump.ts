import type Database from 'better-sqlite3';
import type { SqliteProjectionPart } from '../parts/sqlite-projection-part';

/**
 * Every row of every part's tables as sorted JSON lines, per table: two read-model files with the
 * same dump hold the same read models. Used to compare a rebuild with the live projection.
 */
export function canonicalDump(db: Database.Database, parts: readonly SqliteProjectionPart[]): Record<string, string[]> {
  const dump: Record<string, string[]> = {};
  for (const part of parts) {
    for (const table of part.tables) {
      dump[table] = canonicalRows(db, table);
    }
  }
  return dump;
}

/** One table's rows as sorted canonical JSON lines. */
export function canonicalRows(db: Database.Database, table: string): string[] {
  const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
  return rows.map((row) => JSON.stringify(canonical(row))).sort();
}

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
