import type { Db, Filter } from 'mongodb';
import { CONTACT_KEY_FIELDS } from '@orders/domain';
import {
  type ArticleListItem,
  type ContactListFilter,
  type ContactListItem,
  type ContactOrderSummary,
  contactListItem,
  type Listing,
  type ListingQueries,
  type StoreListItem,
  type SummaryGroup,
  summarizeOrders,
} from '../../listing.port';
import type { OrderPage } from '../../read-model.port';
import { type ArticleDocument, articleRegisterCollection } from '../parts/articles.part';
import { type ContactDocument, contactRegisterCollection } from '../parts/contacts.part';
import { orderViewCollection, toRecord } from '../parts/order-view.part';
import { storeRegisterCollection } from '../parts/stores.part';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The console's listings on MongoDB, the counterpart of SqliteListingQueries: registers through their
 * `listing` index ({deleted, _id}), a contact filter through `by_key`, recent orders through `recent`,
 * a contact's summary through `by_contact`. An article search (`q`) reads the article register only.
 */
export class MongoListingQueries implements ListingQueries {
  constructor(private readonly db: Db) {}

  async contacts(filter: ContactListFilter, offset: number, count: number): Promise<Listing<ContactListItem>> {
    const holds = (Object.keys(filter) as (keyof ContactListFilter)[])
      .filter((field) => filter[field] !== undefined)
      .map((field) => ({ keys: { $elemMatch: { type: CONTACT_KEY_FIELDS[field], value: filter[field] } } }));
    const query: Filter<ContactDocument> = { deleted: false, ...(holds.length > 0 ? { $and: holds } : {}) } as Filter<ContactDocument>;
    const collection = contactRegisterCollection(this.db);
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments(query),
      collection.find(query).sort({ _id: 1 }).skip(offset).limit(count).toArray(),
    ]);
    return { items: docs.map((doc) => contactListItem(doc._id, doc.entry ?? {})), totalCount };
  }

  async articles(q: string | undefined, offset: number, count: number): Promise<Listing<ArticleListItem>> {
    const contains = q === undefined ? undefined : { $regex: escapeRegex(q), $options: 'i' };
    const query = { deleted: false, ...(contains ? { $or: [{ _id: contains }, { name: contains }] } : {}) } as Filter<ArticleDocument>;
    const collection = articleRegisterCollection(this.db);
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments(query),
      collection.find(query).sort({ _id: 1 }).skip(offset).limit(count).toArray(),
    ]);
    const items = docs.map((doc) => ({
      sku: doc._id,
      ...(doc.name !== undefined ? { name: doc.name } : {}),
      attributes: doc.attributes ?? {},
    }));
    return { items, totalCount };
  }

  async stores(offset: number, count: number): Promise<Listing<StoreListItem>> {
    const collection = storeRegisterCollection(this.db);
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments({ deleted: false }),
      collection.find({ deleted: false }).sort({ _id: 1 }).skip(offset).limit(count).toArray(),
    ]);
    const items = docs.map((doc) => ({
      externalStoreId: doc._id,
      ...(doc.name !== undefined ? { name: doc.name } : {}),
      ...(doc.country !== undefined ? { country: doc.country } : {}),
    }));
    return { items, totalCount };
  }

  async recentOrders(offset: number, count: number): Promise<OrderPage> {
    const collection = orderViewCollection(this.db);
    const [totalCount, docs] = await Promise.all([
      collection.countDocuments({ deleted: false }),
      collection.find({ deleted: false }).sort({ createdAtMs: -1, orderId: 1 }).skip(offset).limit(count).toArray(),
    ]);
    return { items: docs.map(toRecord), totalCount };
  }

  async contactOrderSummary(contactId: string): Promise<ContactOrderSummary> {
    const is = (field: string, value: string) => ({ $cond: [{ $eq: [field, value] }, 1, 0] });
    const groups = await orderViewCollection(this.db)
      .aggregate<SummaryGroup & { _id: string }>([
        { $match: { contactId, deleted: false } },
        {
          $group: {
            _id: '$order.currencyCode',
            orderCount: { $sum: 1 },
            completedCount: { $sum: is('$order.status', 'Completed') },
            returnCount: { $sum: is('$order.type', 'Return') },
            totalPrice: { $sum: '$order.totalPrice' },
          },
        },
      ])
      .toArray();
    return summarizeOrders(
      contactId,
      groups.map(({ _id, ...group }) => ({ ...group, currencyCode: _id })),
    );
  }
}
