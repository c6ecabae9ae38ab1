import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { ORDER_STREAM_PREFIX } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView } from '../order-view/order-view.projection';
import type { OrderPage, OrderReadModel, OrderViewRecord } from '../read-model.port';
import { upsertIfNewer } from './duplicate-key';
import type { MongoProjectionPart } from './mongo-projection-part';

export const ORDER_VIEW_COLLECTION = 'order_view';

/** An OrderViewRecord keyed by its orderId. `revision` is the last stream revision it reflects. */
export type OrderViewDocument = OrderViewRecord & { _id: string };

export function orderViewCollection(db: Db): Collection<OrderViewDocument> {
  return db.collection<OrderViewDocument>(ORDER_VIEW_COLLECTION);
}

/**
 * The order view (E3), the contact listing (E1, an index over the same documents) and the integration
 * log (in the document). Contacts resolve from `ContactId` keys only until the contact register's
 * Mongo part exists (see mongo-parts.ts).
 */
export const mongoOrderViewPart: MongoProjectionPart = {
  name: 'order-view',
  streamPrefixes: [ORDER_STREAM_PREFIX],
  collections: [ORDER_VIEW_COLLECTION],

  async ensureIndexes(db) {
    await orderViewCollection(db).createIndexes([
      { key: { contactId: 1, deleted: 1, createdAtMs: -1, orderId: 1 }, name: 'by_contact' },
    ]);
  },

  async apply(db, events) {
    const byOrder = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
      const orderId = event.streamId.slice(ORDER_STREAM_PREFIX.length);
      const list = byOrder.get(orderId) ?? [];
      list.push(event);
      byOrder.set(orderId, list);
    }
    if (byOrder.size === 0) return;
    const collection = orderViewCollection(db);
    const stored = await collection.find({ _id: { $in: [...byOrder.keys()] } }).toArray();
    const current = new Map(stored.map(({ _id, ...record }) => [_id, record as OrderViewRecord]));
    const writes: AnyBulkWriteOperation<OrderViewDocument>[] = [];
    for (const [orderId, orderEvents] of byOrder) {
      const before = current.get(orderId) ?? null;
      const after = orderEvents.reduce<OrderViewRecord | null>((record, event) => applyToOrderView(record, event), before);
      if (!after || after === before) continue;
      writes.push({
        replaceOne: {
          // lands only over an older revision; over the same or a newer one the upsert's insert hits the
          // existing _id (E11000) = already applied, e.g. a redelivered batch (see upsertIfNewer)
          filter: { _id: orderId, revision: { $lt: after.revision } },
          replacement: after, // the upsert takes _id from the filter
          upsert: true,
        },
      });
    }
    await upsertIfNewer(collection, writes);
  },
};

/** Queries over the order view collection. */
export class MongoOrderQueries implements OrderReadModel {
  constructor(private readonly db: Db) {}

  async getOrder(orderId: string): Promise<OrderViewRecord | null> {
    const doc = await orderViewCollection(this.db).findOne({ _id: orderId });
    return doc ? withoutId(doc) : null;
  }

  async listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    const filter = { contactId, deleted: false };
    const collection = orderViewCollection(this.db);
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments(filter),
      count > 0
        ? collection.find(filter).sort({ createdAtMs: -1, orderId: 1 }).skip(offset).limit(count).toArray()
        : Promise.resolve([]),
    ]);
    return { items: docs.map(withoutId), totalCount };
  }
}

function withoutId({ _id, ...record }: OrderViewDocument): OrderViewRecord {
  return record;
}
