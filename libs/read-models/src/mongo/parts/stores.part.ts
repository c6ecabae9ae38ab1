import type { Db } from 'mongodb';
import { STORE_REGISTER, type StoreEntry } from '@orders/domain';
import { type CollectionNamer, LIVE_COLLECTIONS } from './mongo-projection-part';
import { type RegisterDocument, registerPart } from './register-part';

export const STORE_REGISTER_COLLECTION = 'store_register';

/** A store of the register (`_id` = externalStoreId), the counterpart of `store_register(store_id, name, country)`. */
export interface StoreDocument extends RegisterDocument {
  name?: string;
  country?: string;
}

export const storeRegisterCollection = (db: Db, c: CollectionNamer = LIVE_COLLECTIONS) =>
  db.collection<StoreDocument>(c(STORE_REGISTER_COLLECTION));

export const mongoStoresPart = registerPart<StoreEntry, StoreDocument>({
  name: 'stores',
  kind: STORE_REGISTER,
  collection: STORE_REGISTER_COLLECTION,
  indexes: [],
  present: (id, entry, _previous, event) => ({
    _id: id,
    revision: event.revision,
    deleted: false,
    ...(entry.name !== undefined ? { name: entry.name } : {}),
    ...(entry.country !== undefined ? { country: entry.country } : {}),
  }),
  absent: (id, event) => ({ _id: id, revision: event.revision, deleted: true }),
});
