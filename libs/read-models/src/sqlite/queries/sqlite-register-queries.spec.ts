import { afterEach, describe, expect, it } from 'vitest';
import { SqliteReadModels } from '../sqlite-read-models';
import { SqliteRegisterQueries } from './sqlite-register-queries';

describe('SqliteRegisterQueries', () => {
  let store: SqliteReadModels | undefined;
  afterEach(async () => store?.close());

  it('finds the orders naming a contact through indexes, never scanning the order view (erasure, export)', () => {
    store = SqliteReadModels.open(':memory:');
    const db = store.db;
    const sources: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((source: string) => (sources.push(source), prepare(source))) as typeof db.prepare;
    new SqliteRegisterQueries(db);
    db.prepare = prepare;
    const naming = sources.find((source) => source.includes('json_each'))!;
    const plan = (prepare(`EXPLAIN QUERY PLAN ${naming}`).all('c-1', '[]') as { detail: string }[]).map((row) => row.detail).join('; ');
    expect(plan).toMatch(/SEARCH order_view USING COVERING INDEX order_view_by_contact \(contact_id=\?\)/);
    expect(plan).toMatch(/SEARCH order_view USING INDEX order_view_by_contact_key \(match_key_type=\? AND match_key=\?\)/);
    expect(plan).not.toMatch(/SCAN order_view\b/);
  });
});
