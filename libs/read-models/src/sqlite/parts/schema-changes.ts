import type Database from 'better-sqlite3';

/** True when the file has a table or an index of that name. */
export function exists(db: Database.Database, name: string): boolean {
  return db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
}

/**
 * Replaces `table` by a copy in another shape, for what SQLite cannot change in place (a table's key, a
 * constraint's index): `create(name)` is the DDL of the new table, `fill(name)` the `INSERT … SELECT` from
 * `table` into it. The table's indexes go with it; the part's schema creates them again after its migration.
 * Runs inside the caller's transaction (a part's `migrate`).
 */
export function replaceTable(db: Database.Database, table: string, create: (name: string) => string, fill: (name: string) => string): void {
  const copy = `${table}__copy`;
  db.exec(`DROP TABLE IF EXISTS ${copy};
    ${create(copy)}
    ${fill(copy)};
    DROP TABLE ${table};
    ALTER TABLE ${copy} RENAME TO ${table};`);
}
