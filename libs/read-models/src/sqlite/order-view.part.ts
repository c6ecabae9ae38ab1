import type Database from 'better-sqlite3';
import { ORDER_STREAM_PREFIX } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView } from '../order-view/order-view.projection';
import type { OrderPage, OrderReadModel, OrderViewRecord } from '../read-model.port';
import type { BoundProjectionPart, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

interface DocRow {
  doc: string;
}

/** The order view (E3), the contact listing (E1, an index over the same rows) and the integration log (in the document). */
export const orderViewPart: SqliteProjectionPart = {
  name: 'order-view',
  streamPrefixes: [ORDER_STREAM_PREFIX],
  tables: ['order_view'],
  schema: (t) => `
    CREATE TABLE IF NOT EXISTS ${t('order_view')} (
      order_id TEXT PRIMARY KEY,
      contact_id TEXT,
      created_at_ms INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      doc TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${t('order_view_by_contact')}
      ON ${t('order_view')} (contact_id, deleted, created_at_ms DESC, order_id);`,
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    const get = db.prepare<[string], DocRow>(`SELECT doc FROM ${t('order_view')} WHERE order_id = ?`);
    const upsert = db.prepare<[string, string | null, number, number, number, string]>(
      `INSERT INTO ${t('order_view')} (order_id, contact_id, created_at_ms, deleted, revision, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(order_id) DO UPDATE SET contact_id = excluded.contact_id, created_at_ms = excluded.created_at_ms,
         deleted = excluded.deleted, revision = excluded.revision, doc = excluded.doc`,
    );
    const load = (orderId: string): OrderViewRecord | null => {
      const row = get.get(orderId);
      return row ? (JSON.parse(row.doc) as OrderViewRecord) : null;
    };
    return {
      apply(events: readonly RecordedEvent[]): void {
        const touched = new Map<string, OrderViewRecord | null>();
        for (const event of events) {
          if (!event.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
          const orderId = event.streamId.slice(ORDER_STREAM_PREFIX.length);
          const before = touched.has(orderId) ? touched.get(orderId)! : load(orderId);
          touched.set(orderId, applyToOrderView(before, event));
        }
        for (const r of touched.values()) {
          if (r) upsert.run(r.orderId, r.contactId, r.createdAtMs, r.deleted ? 1 : 0, r.revision, JSON.stringify(r));
        }
      },
    };
  },
};

/** Queries over the order view tables. */
export class SqliteOrderQueries implements OrderReadModel {
  private readonly get;
  private readonly page;
  private readonly count;

  constructor(db: Database.Database) {
    this.get = db.prepare<[string], DocRow>('SELECT doc FROM order_view WHERE order_id = ?');
    this.page = db.prepare<[string, number, number], DocRow>(
      `SELECT doc FROM order_view WHERE contact_id = ? AND deleted = 0
       ORDER BY created_at_ms DESC, order_id LIMIT ? OFFSET ?`,
    );
    this.count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM order_view WHERE contact_id = ? AND deleted = 0');
  }

  async getOrder(orderId: string): Promise<OrderViewRecord | null> {
    const row = this.get.get(orderId);
    return row ? (JSON.parse(row.doc) as OrderViewRecord) : null;
  }

  async listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    const totalCount = this.count.get(contactId)?.n ?? 0;
    const items = this.page.all(contactId, count, offset).map((row) => JSON.parse(row.doc) as OrderViewRecord);
    return { items, totalCount };
  }
}
