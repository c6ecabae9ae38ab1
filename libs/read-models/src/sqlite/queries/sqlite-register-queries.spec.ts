import { afterEach, describe, expect, it } from 'vitest';
import { preparedPlans } from '../../testing/query-plans';
import { SqliteReadModels } from '../sqlite-read-models';
import { SqliteRegisterQueries } from './sqlite-register-queries';

describe('SqliteRegisterQueries', () => {
  let store: SqliteReadModels | undefined;
  afterEach(async () => store?.close());

  it('finds the orders naming a contact through indexes, never scanning the order view (erasure, export)', async () => {
    const opened = SqliteReadModels.open(':memory:');
    store = opened;
    const plans = await preparedPlans(opened.db, () => new SqliteRegisterQueries(opened.db));
    const plan = [...plans].find(([source]) => source.includes('json_each'))![1];
    expect(plan).toMatch(/SEARCH order_view USING COVERING INDEX order_view_by_contact \(contact_id=\?\)/);
    expect(plan).toMatch(/SEARCH order_view USING INDEX order_view_by_contact_key \(match_key_type=\? AND match_key=\?\)/);
    expect(plan).not.toMatch(/SCAN order_view\b/);
  });
});
