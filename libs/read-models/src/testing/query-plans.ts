import type Database from 'better-sqlite3';

/**
 * Every statement prepared on `db` while `prepareSome` runs, with SQLite's plan for it (`EXPLAIN QUERY
 * PLAN`; `?` bound to 'x', a statement with named parameters to `named`). Keyed by the statement's text with
 * its whitespace collapsed; the plan's lines joined by '; '.
 */
export async function preparedPlans(
  db: Database.Database,
  prepareSome: () => unknown,
  named: Record<string, unknown> = {},
): Promise<Map<string, string>> {
  const sources: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => (sources.push(source), prepare(source))) as typeof db.prepare;
  try {
    await prepareSome();
  } finally {
    db.prepare = prepare;
  }
  const plans = new Map<string, string>();
  for (const source of sources) {
    const params = source.includes('@') ? [named] : Array.from(source.matchAll(/\?/g), () => 'x');
    const rows = prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as { detail: string }[];
    plans.set(source.replace(/\s+/g, ' ').trim(), rows.map((row) => row.detail).join('; '));
  }
  return plans;
}
