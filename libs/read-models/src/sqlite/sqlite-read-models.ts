import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ORDER_STREAM_PREFIX } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView } from '../order-view/order-view.projection';
import type { OrderPage, OrderReadModel, OrderViewRecord, ProjectionStore } from '../read-model.port';

const SCHEMA_VERSION = 1;
const PROJECTION_NAME = 'orders';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS order_view (
  order_id TEXT PRIMARY KEY,
  contact_id TEXT,
  created_at_ms INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS order_view_by_contact
  ON order_view (contact_id, deleted, created_at_ms DESC, order_id);
`;

interface OrderRow {
  doc: string;
}

/**
 * The embedded read models: one SQLite file holding the order view (E3), the contact listing (E1,
 * an index over the same rows) and the integration log (warnings in the document), plus the
 * projector's checkpoint, written in the same transaction as the rows it covers.
 */
export class SqliteReadModels implements OrderReadModel, ProjectionStore {
  readonly name = PROJECTION_NAME;
  private readonly statements;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?'),
      setCheckpoint: db.prepare<[string, number]>(
        'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
      get: db.prepare<[string], OrderRow>('SELECT doc FROM order_view WHERE order_id = ?'),
      upsert: db.prepare<[string, string | null, number, number, number, string]>(
        `INSERT INTO order_view (order_id, contact_id, created_at_ms, deleted, revision, doc) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(order_id) DO UPDATE SET contact_id = excluded.contact_id, created_at_ms = excluded.created_at_ms,
           deleted = excluded.deleted, revision = excluded.revision, doc = excluded.doc`,
      ),
      page: db.prepare<[string, number, number], OrderRow>(
        `SELECT doc FROM order_view WHERE contact_id = ? AND deleted = 0
         ORDER BY created_at_ms DESC, order_id LIMIT ? OFFSET ?`,
      ),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM order_view WHERE contact_id = ? AND deleted = 0'),
    };
  }

  static open(file: string): SqliteReadModels {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Rows and checkpoint commit together, so a lost commit only means re-applying from the older
    // checkpoint: NORMAL keeps the read side consistent without an fsync per batch.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`read-model file ${file} has schema ${version}, newer than this service (${SCHEMA_VERSION})`);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return new SqliteReadModels(db);
  }

  async checkpoint(): Promise<number> {
    return this.statements.checkpoint.get(this.name)?.position ?? 0;
  }

  async applyBatch(events: readonly RecordedEvent[], checkpoint: number): Promise<void> {
    this.applyBatchSync(events, checkpoint);
  }

  private readonly applyBatchSync = (events: readonly RecordedEvent[], checkpoint: number): void => {
    this.db.transaction(() => {
      const current = this.statements.checkpoint.get(this.name)?.position ?? 0;
      const touched = new Map<string, OrderViewRecord | null>();
      for (const event of events) {
        if (event.position <= current || !event.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
        const before = touched.has(event.streamId) ? touched.get(event.streamId)! : this.load(event.streamId);
        touched.set(event.streamId, applyToOrderView(before, event));
      }
      for (const record of touched.values()) if (record) this.save(record);
      if (checkpoint > current) this.statements.setCheckpoint.run(this.name, checkpoint);
    })();
  };

  private load(streamId: string): OrderViewRecord | null {
    const row = this.statements.get.get(streamId.slice(ORDER_STREAM_PREFIX.length));
    return row ? (JSON.parse(row.doc) as OrderViewRecord) : null;
  }

  private save(record: OrderViewRecord): void {
    this.statements.upsert.run(
      record.orderId,
      record.contactId,
      record.createdAtMs,
      record.deleted ? 1 : 0,
      record.revision,
      JSON.stringify(record),
    );
  }

  async getOrder(orderId: string): Promise<OrderViewRecord | null> {
    const row = this.statements.get.get(orderId);
    return row ? (JSON.parse(row.doc) as OrderViewRecord) : null;
  }

  async listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    const totalCount = this.statements.count.get(contactId)?.n ?? 0;
    const items = this.statements.page.all(contactId, count, offset).map((row) => JSON.parse(row.doc) as OrderViewRecord);
    return { items, totalCount };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
