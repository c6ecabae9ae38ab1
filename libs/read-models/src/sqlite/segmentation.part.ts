import type Database from 'better-sqlite3';
import { ORDER_STREAM_PREFIX, type Order, type OrderEvent } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { paymentMask } from '@orders/segmentation';
import type { BoundProjectionPart, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

/**
 * The segmentation read model (SPEC §6): the order fields a segment filters on (`seg_orders`) and the
 * lines (`seg_lines`, rewritten on every register/replace, keyed by the order's integer `seq`
 * so that line → order sets are small integer sets). Payment methods are a bit mask
 * (`payment_mask`, bits from @orders/segmentation). The contact is NOT kept here: queries join
 * `order_view.contact_id`, which the order-view part keeps resolved (also when a contact registers
 * later); article attributes are joined from `article_register` (the articles part).
 * A deleted order keeps its row with `deleted = 1` and loses its lines.
 */
export const segmentationPart: SqliteProjectionPart = {
  name: 'segmentation',
  streamPrefixes: [ORDER_STREAM_PREFIX],
  tables: ['seg_orders', 'seg_lines'],
  schema: (t) => `
    CREATE TABLE IF NOT EXISTS ${t('seg_orders')} (
      seq INTEGER PRIMARY KEY,
      order_id TEXT NOT NULL UNIQUE,
      revision INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      status TEXT NOT NULL,
      type TEXT NOT NULL,
      external_status TEXT,
      created_at_ms INTEGER NOT NULL,
      total_price REAL NOT NULL,
      currency_code TEXT NOT NULL,
      channel TEXT,
      external_store_id TEXT,
      payment_mask INTEGER NOT NULL,
      delivery_method TEXT
    );
    -- covering for the typical filter (status, date range, total, the order id for line and contact joins)
    CREATE INDEX IF NOT EXISTS ${t('seg_orders_by_created')} ON ${t('seg_orders')} (deleted, created_at_ms, total_price, order_id);
    CREATE INDEX IF NOT EXISTS ${t('seg_orders_by_status')} ON ${t('seg_orders')} (deleted, status, created_at_ms, total_price, order_id);
    CREATE TABLE IF NOT EXISTS ${t('seg_lines')} (
      order_seq INTEGER NOT NULL,
      line_index INTEGER NOT NULL,
      sku TEXT NOT NULL,
      type TEXT NOT NULL,
      external_status TEXT,
      return_type TEXT,
      quantity REAL NOT NULL,
      total_price REAL NOT NULL,
      PRIMARY KEY (order_seq, line_index)
    ) WITHOUT ROWID;
    -- lines by SKU (a SKU set, or the SKUs an article test selects), with the line type covered
    CREATE INDEX IF NOT EXISTS ${t('seg_lines_by_sku')} ON ${t('seg_lines')} (sku, type, order_seq);`,
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    const current = db.prepare<[string], { seq: number; revision: number }>(`SELECT seq, revision FROM ${t('seg_orders')} WHERE order_id = ?`);
    const upsert = db.prepare(
      `INSERT INTO ${t('seg_orders')} (order_id, revision, deleted, status, type, external_status, created_at_ms, total_price,
         currency_code, channel, external_store_id, payment_mask, delivery_method)
       VALUES (@orderId, @revision, 0, @status, @type, @externalStatus, @createdAtMs, @totalPrice, @currencyCode, @channel,
         @externalStoreId, @paymentMask, @deliveryMethod)
       ON CONFLICT(order_id) DO UPDATE SET revision = excluded.revision, deleted = 0, status = excluded.status, type = excluded.type,
         external_status = excluded.external_status, created_at_ms = excluded.created_at_ms, total_price = excluded.total_price,
         currency_code = excluded.currency_code, channel = excluded.channel, external_store_id = excluded.external_store_id,
         payment_mask = excluded.payment_mask, delivery_method = excluded.delivery_method
       RETURNING seq`,
    );
    const deleteLines = db.prepare<[number]>(`DELETE FROM ${t('seg_lines')} WHERE order_seq = ?`);
    const insertLine = db.prepare(
      `INSERT INTO ${t('seg_lines')} (order_seq, line_index, sku, type, external_status, return_type, quantity, total_price)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setStatus = db.prepare<[string | null, string | null, number, string]>(
      `UPDATE ${t('seg_orders')} SET status = coalesce(?, status), external_status = coalesce(?, external_status), revision = ? WHERE order_id = ?`,
    );
    const setDelivery = db.prepare<[string | null, number, string]>(
      `UPDATE ${t('seg_orders')} SET delivery_method = coalesce(?, delivery_method), revision = ? WHERE order_id = ?`,
    );
    const markDeleted = db.prepare<[number, string]>(`UPDATE ${t('seg_orders')} SET deleted = 1, revision = ? WHERE order_id = ?`);

    const write = (order: Order, revision: number): void => {
      const { seq } = upsert.get(segmentOrderRow(order, revision)) as { seq: number };
      deleteLines.run(seq);
      order.lineItems.items.forEach((line, index) =>
        insertLine.run(seq, index, line.article.sku, line.type, line.externalStatus ?? null, line.returnDetails?.type ?? null, line.quantity, line.totalPrice),
      );
    };

    return {
      apply(events: readonly RecordedEvent[]): void {
        for (const event of events) {
          if (!event.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
          const orderId = event.streamId.slice(ORDER_STREAM_PREFIX.length);
          const row = current.get(orderId);
          if (row && event.revision <= row.revision) continue;
          const { type, data } = event as unknown as OrderEvent;
          switch (type) {
            case 'OrderRegistered':
            case 'OrderReplaced':
              write(data.order, event.revision);
              break;
            case 'OrderStatusChanged':
              setStatus.run(data.status ?? null, data.externalStatus ?? null, event.revision, orderId);
              break;
            case 'OrderDeliveryChanged':
              setDelivery.run(data.delivery.method ?? null, event.revision, orderId);
              break;
            case 'OrderDeleted':
              markDeleted.run(event.revision, orderId);
              if (row) deleteLines.run(row.seq);
              break;
            default:
              break;
          }
        }
      },
    };
  },
};

/** The `seg_orders` row of an order (named parameters of the upsert; also used by the benchmark's bulk load). */
export function segmentOrderRow(order: Order, revision: number) {
  return {
    orderId: order.orderId,
    revision,
    status: order.status,
    type: order.type,
    externalStatus: order.externalStatus ?? null,
    createdAtMs: Date.parse(order.createdAt.replace(/(\.\d{3})\d+/, '$1')),
    totalPrice: order.totalPrice,
    currencyCode: order.currencyCode,
    channel: order.channel ?? null,
    externalStoreId: order.externalStoreId ?? null,
    paymentMask: paymentMask((order.payments?.items ?? []).map((payment) => payment.method)),
    deliveryMethod: order.delivery?.method ?? null,
  };
}
