import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { CONTACT_STREAM_PREFIX, ORDER_STREAM_PREFIX } from '@orders/domain';
import { type SegmentLineDocument, type SegmentOrderDocument, toSegmentDocument } from '@orders/segmentation';
import { relinkOrders, type LinkedOrderFields } from './contact-links';
import { contactChangesOf, matchKeyOf } from './contacts.part';
import { upsertIfNewer } from '../duplicate-key';
import { fenceFields, fenceFilter, linkFilter } from '../fence';
import { type CollectionNamer, LIVE_COLLECTIONS, type MongoProjectionPart } from './mongo-projection-part';
import { type OrderViewDocument, orderViewCollection } from './order-view.part';

export const SEGMENTATION_COLLECTION = 'segmentation_orders';

/**
 * The document a segment pipeline runs on (@orders/segmentation's SegmentOrderDocument, see
 * compile-mongo.ts), plus `revision` (of the order view it was copied from) and the match key for
 * relinking. Lines carry no article attributes: segment queries test `article.<attribute>` against
 * the article register as it is at query time (a SKU set, as the SQL does), so registering or changing
 * an article never rewrites orders. A deleted order keeps its document (`deleted: true`, no lines).
 */
export type SegmentationDocument = Omit<SegmentOrderDocument, 'lines'> &
  LinkedOrderFields & {
    revision: number;
    lines: Omit<SegmentLineDocument, 'article'>[];
  };

export function segmentationCollection(db: Db, c: CollectionNamer = LIVE_COLLECTIONS): Collection<SegmentationDocument> {
  return db.collection<SegmentationDocument>(c(SEGMENTATION_COLLECTION));
}

/** The segmentation document of an order-view document. */
export function segmentationDocument(view: OrderViewDocument): SegmentationDocument {
  const { lines, ...doc } = toSegmentDocument(view.order, view.contactId, view.deleted, () => undefined);
  return {
    ...doc,
    revision: view.revision,
    ...matchKeyOf(view.order),
    lines: view.deleted ? [] : lines.map(({ article: _article, ...line }) => line),
  };
}

/**
 * The segmentation read model (SPEC §6) on MongoDB, the counterpart of the SQLite segmentation part.
 * Runs after the order view: each order an event of the batch touches is copied from its order-view
 * document (content, deletion, resolved contact), written only over an older revision; contact events
 * relink the documents exactly as the order view is relinked (the contact is kept here, unlike in SQLite,
 * because a pipeline cannot join cheaply; it is always the order view's).
 */
export const mongoSegmentationPart: MongoProjectionPart = {
  name: 'segmentation',
  streamPrefixes: [ORDER_STREAM_PREFIX, CONTACT_STREAM_PREFIX],
  collections: [SEGMENTATION_COLLECTION],
  async ensureIndexes(db, c) {
    await segmentationCollection(db, c).createIndexes([
      { key: { deleted: 1, status: 1, createdAt: 1, totalPrice: 1 }, name: 'by_status_created' },
      { key: { deleted: 1, createdAt: 1, totalPrice: 1 }, name: 'by_created' },
      { key: { 'lines.sku': 1 }, name: 'by_line_sku' },
      { key: { contactId: 1 }, name: 'by_contact' },
      { key: { matchKeyType: 1, matchKey: 1 }, name: 'by_match_key' },
    ]);
  },
  async apply(db, events, c, fence = 0) {
    const linkedAt = events[events.length - 1]?.position ?? 0;
    const orderIds = new Set<string>();
    for (const event of events)
      if (event.streamId.startsWith(ORDER_STREAM_PREFIX)) orderIds.add(event.streamId.slice(ORDER_STREAM_PREFIX.length));
    const collection = segmentationCollection(db, c);
    if (orderIds.size > 0) {
      const views = await orderViewCollection(db, c)
        .find({ _id: { $in: [...orderIds] } })
        .toArray();
      const writes: AnyBulkWriteOperation<SegmentationDocument>[] = views.map((view) => {
        const { _id, ...doc } = segmentationDocument(view);
        return {
          replaceOne: {
            filter: { _id, revision: { $lt: doc.revision }, ...fenceFilter(fence), ...linkFilter(linkedAt) },
            replacement: { ...doc, linkedAt, ...fenceFields(fence) },
            upsert: true,
          },
        };
      });
      await upsertIfNewer(collection, writes);
    }
    await relinkOrders(db, c, collection, contactChangesOf(events), linkedAt, fence, (filter, contactId) => ({
      updateOne: {
        filter,
        update:
          contactId === null
            ? { $unset: { contactId: '' as const }, $set: { linkedAt, ...fenceFields(fence) } }
            : { $set: { contactId, linkedAt, ...fenceFields(fence) } },
      },
    }));
  },
};
