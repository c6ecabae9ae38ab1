import type { Collection, Db } from 'mongodb';
import { referenceWarnings } from '../../projections/reference-warnings';
import type { OrderViewRecord } from '../../read-model.port';
import { articleRegisterCollection } from './articles.part';
import type { RegisterDocument } from './register-part';
import { storeRegisterCollection } from './stores.part';

/** The ids of `ids` that are in the register (not deleted): one query. */
async function present(collection: Collection<RegisterDocument>, ids: Set<string>): Promise<Set<string>> {
  if (ids.size === 0) return new Set();
  const docs = await collection.find({ _id: { $in: [...ids] }, deleted: false }, { projection: { _id: 1 } }).toArray();
  return new Set(docs.map((doc) => doc._id));
}

/**
 * The records with their reference warnings (SPEC §4) from the article and store registers as they
 * are now, in front of the stored ones — as the SQLite order queries do. Two queries per call,
 * whatever the number of records.
 */
export async function withReferenceWarnings(db: Db, records: OrderViewRecord[]): Promise<OrderViewRecord[]> {
  if (records.length === 0) return records;
  const skus = new Set(records.flatMap((record) => record.order.lineItems.items.map((line) => line.article.sku)));
  const stores = new Set(records.flatMap((record) => (record.order.externalStoreId === undefined ? [] : [record.order.externalStoreId])));
  const [articles, knownStores] = await Promise.all([
    present(articleRegisterCollection(db) as unknown as Collection<RegisterDocument>, skus),
    present(storeRegisterCollection(db) as unknown as Collection<RegisterDocument>, stores),
  ]);
  const lookups = { articleExists: (sku: string) => articles.has(sku), storeExists: (id: string) => knownStores.has(id) };
  return records.map((record) => ({
    ...record,
    warnings: [...referenceWarnings(record.order, record.contactId, lookups), ...record.warnings],
  }));
}
