import type Database from 'better-sqlite3';
import { STORE_REGISTER, type RegisterEvent, type StoreEntry } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import type { BoundProjectionPart, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

/** The store register: `store_register(store_id TEXT PRIMARY KEY, name TEXT, country TEXT)`. */
export const storesPart: SqliteProjectionPart = {
  name: 'stores',
  streamPrefixes: [STORE_REGISTER.prefix],
  tables: ['store_register'],
  schema: (t) => `CREATE TABLE IF NOT EXISTS ${t('store_register')} (store_id TEXT PRIMARY KEY, name TEXT, country TEXT);`,
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    const upsert = db.prepare<[string, string | null, string | null]>(
      `INSERT INTO ${t('store_register')} (store_id, name, country) VALUES (?, ?, ?)
       ON CONFLICT(store_id) DO UPDATE SET name = excluded.name, country = excluded.country`,
    );
    const remove = db.prepare<[string]>(`DELETE FROM ${t('store_register')} WHERE store_id = ?`);
    return {
      apply(events: readonly RecordedEvent[]): void {
        for (const event of events) {
          if (!event.streamId.startsWith(STORE_REGISTER.prefix)) continue;
          const storeId = event.streamId.slice(STORE_REGISTER.prefix.length);
          const value = (event.data as RegisterEvent<StoreEntry>['data']).value;
          if (event.type === STORE_REGISTER.saved && value) upsert.run(storeId, value.name ?? null, value.country ?? null);
          else if (event.type === STORE_REGISTER.deleted) remove.run(storeId);
        }
      },
    };
  },
};
