import type Database from 'better-sqlite3';
import { ARTICLE_REGISTER, type ArticleEntry, type RegisterEvent } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import type { BoundProjectionPart, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

/**
 * The article register as a table other read models join:
 * `article_register(sku TEXT PRIMARY KEY, name TEXT, attributes TEXT)`, attributes a JSON object.
 */
export const articlesPart: SqliteProjectionPart = {
  name: 'articles',
  streamPrefixes: [ARTICLE_REGISTER.prefix],
  tables: ['article_register'],
  schema: (t) =>
    `CREATE TABLE IF NOT EXISTS ${t('article_register')} (sku TEXT PRIMARY KEY, name TEXT, attributes TEXT /* JSON object */);`,
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    const upsert = db.prepare<[string, string | null, string]>(
      `INSERT INTO ${t('article_register')} (sku, name, attributes) VALUES (?, ?, ?)
       ON CONFLICT(sku) DO UPDATE SET name = excluded.name, attributes = excluded.attributes`,
    );
    const remove = db.prepare<[string]>(`DELETE FROM ${t('article_register')} WHERE sku = ?`);
    return {
      apply(events: readonly RecordedEvent[]): void {
        for (const event of events) {
          if (!event.streamId.startsWith(ARTICLE_REGISTER.prefix)) continue;
          const sku = event.streamId.slice(ARTICLE_REGISTER.prefix.length);
          const value = (event.data as RegisterEvent<ArticleEntry>['data']).value;
          if (event.type === ARTICLE_REGISTER.saved && value) upsert.run(sku, value.name ?? null, JSON.stringify(value.attributes ?? {}));
          else if (event.type === ARTICLE_REGISTER.deleted) remove.run(sku);
        }
      },
    };
  },
};
