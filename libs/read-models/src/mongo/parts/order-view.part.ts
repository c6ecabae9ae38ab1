import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { CONTACT_STREAM_PREFIX, type Order, ORDER_STREAM_PREFIX } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView } from '../../projections/order-view.projection';
import type { OrderPage, OrderReadModel, OrderViewRecord } from '../../read-model.port';
import { relinkOrders, type LinkedOrderFields } from './contact-links';
import { contactChangesOf, lookupContactKeys, matchKeyOf, orderContactResolver, registerKeysOf } from './contacts.part';
import { upsertIfNewer } from '../duplicate-key';
import { fenceFields, fenceFilter, linkFilter } from '../fence';
import { type CollectionNamer, LIVE_COLLECTIONS, type MongoProjectionPart } from './mongo-projection-part';
import { withReferenceWarnings } from './reference-warnings';

export const ORDER_VIEW_COLLECTION = 'order_view';

/**
 * An OrderViewRecord keyed by its orderId, plus the order's match key (type and normalised value, as
 * the SQLite `order_view.match_key_type`/`match_key` columns) for relinking. `revision` is the last
 * stream revision it reflects.
 */
export type OrderViewDocument = OrderViewRecord & LinkedOrderFields & { contactId: string | null; fence?: number; linkedAt?: number };

export function orderViewCollection(db: Db, c: CollectionNamer = LIVE_COLLECTIONS): Collection<OrderViewDocument> {
  return db.collection<OrderViewDocument>(c(ORDER_VIEW_COLLECTION));
}

/**
 * The order view (E3), the contact listing (E1, an index over the same documents) and the integration
 * log (in the document). Runs after the contact part: an order's contact is resolved through the
 * contact register when its event is applied, and orders are relinked when a contact event changes
 * who owns their key — so the answer is the same whichever comes first, live or on a rebuild
 * (as the SQLite order-view part). Reference warnings are computed on read.
 */
export const mongoOrderViewPart: MongoProjectionPart = {
  name: 'order-view',
  streamPrefixes: [ORDER_STREAM_PREFIX, CONTACT_STREAM_PREFIX],
  collections: [ORDER_VIEW_COLLECTION],
  async ensureIndexes(db, c) {
    const collection = orderViewCollection(db, c);
    await collection.createIndexes([
      { key: { contactId: 1, deleted: 1, createdAtMs: -1, orderId: 1 }, name: 'by_contact' },
      { key: { matchKeyType: 1, matchKey: 1 }, name: 'by_match_key' },
      // the console's recent orders (ListingQueries.recentOrders)
      { key: { deleted: 1, createdAtMs: -1, orderId: 1 }, name: 'recent' },
    ]);
    await addMatchKeys(collection);
  },
  async apply(db, events, c, fence = 0) {
    const linkedAt = events[events.length - 1]?.position ?? 0;
    const byOrder = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
      const orderId = event.streamId.slice(ORDER_STREAM_PREFIX.length);
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
    }
    const collection = orderViewCollection(db, c);
    if (byOrder.size > 0) {
      const stored = await collection.find({ _id: { $in: [...byOrder.keys()] } }).toArray();
      const current = new Map(stored.map((doc) => [doc._id, toRecord(doc)]));
      // the register already holds the batch's final state (its part runs first): one lookup for all keys
      const orders: Pick<Order, 'contact'>[] = [...current.values()].map((record) => record.order);
      for (const list of byOrder.values()) for (const event of list) if (isOrderContent(event.data)) orders.push(event.data.order);
      const resolve = orderContactResolver(await lookupContactKeys(db, c, registerKeysOf(orders)));
      const writes: AnyBulkWriteOperation<OrderViewDocument>[] = [];
      for (const [orderId, orderEvents] of byOrder) {
        const before = current.get(orderId) ?? null;
        const after = orderEvents.reduce<OrderViewRecord | null>((record, event) => applyToOrderView(record, event, resolve), before);
        if (!after || after === before) continue;
        writes.push({
          replaceOne: {
            // lands only over an older revision; over the same or a newer one the upsert's insert hits the
            // existing _id (E11000) = already applied, e.g. a redelivered batch (see upsertIfNewer)
            // and never over a write of a newer generation (fence) or a contact resolved from a later register state (linkedAt)
            filter: { _id: orderId, revision: { $lt: after.revision }, ...fenceFilter(fence), ...linkFilter(linkedAt) },
            replacement: { ...after, ...matchKeyOf(after.order), linkedAt, ...fenceFields(fence) }, // the upsert takes _id from the filter
            upsert: true,
          },
        });
      }
      await upsertIfNewer(collection, writes);
    }
    await relinkOrders(db, c, collection, contactChangesOf(events), linkedAt, fence, (filter, contactId) => ({
      updateOne: { filter, update: { $set: { contactId, linkedAt, ...fenceFields(fence) } } },
    }));
  },
};

const isOrderContent = (data: unknown): data is { order: Order } =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as { order?: unknown }).order === 'object' &&
  (data as { order?: unknown }).order !== null;

/** Documents written before the contact register get their match key (no contact events existed then, so links stay). */
async function addMatchKeys(collection: Collection<OrderViewDocument>): Promise<void> {
  const old = await collection.find({ matchKeyType: { $exists: false } }, { projection: { order: 1 } }).toArray();
  if (old.length === 0) return;
  await collection.bulkWrite(
    old.map((doc) => ({
      updateOne: { filter: { _id: doc._id, matchKeyType: { $exists: false } }, update: { $set: matchKeyOf(doc.order) } },
    })),
    { ordered: false },
  );
}

/** Queries over the order view collection; reference warnings come from the registers on read. */
export class MongoOrderQueries implements OrderReadModel {
  constructor(private readonly db: Db) {}

  async getOrder(orderId: string): Promise<OrderViewRecord | null> {
    const doc = await orderViewCollection(this.db).findOne({ _id: orderId });
    if (!doc) return null;
    const [record] = await withReferenceWarnings(this.db, [toRecord(doc)]);
    return record ?? null;
  }

  async listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    const filter = { contactId, deleted: false };
    const collection = orderViewCollection(this.db);
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments(filter),
      count > 0 ? collection.find(filter).sort({ createdAtMs: -1, orderId: 1 }).skip(offset).limit(count).toArray() : Promise.resolve([]),
    ]);
    return { items: await withReferenceWarnings(this.db, docs.map(toRecord)), totalCount };
  }
}

/** The record without the document's own fields (`_id`, match key). */
export function toRecord(doc: OrderViewDocument): OrderViewRecord {
  const { _id, matchKeyType, matchKey, fence: _fence, linkedAt: _linkedAt, ...record } = doc;
  return record;
}
