import type { Contact, ContactKey } from '@orders/domain';
import type { ContactResolver } from '../../register.port';
import { lookupContactKeys, orderContactResolver, registerKeysOf } from '../parts/contacts.part';
import { LIVE_COLLECTIONS } from '../parts/mongo-projection-part';
import { orderViewCollection } from '../parts/order-view.part';
import type { MongoReadModels } from '../mongo-read-models';

/**
 * Contact resolution on the MongoDB backend, through the contact register collection (the live one):
 * a `ContactId` key maps directly, registered or not; any other key to the contact that claimed it
 * first — the same rule the order view applies (SqliteRegisterQueries on the embedded backend).
 */
export class MongoContactResolver implements ContactResolver {
  constructor(private readonly store: MongoReadModels) {}

  async resolveContact(contact: Contact): Promise<string | null> {
    const order = { contact };
    const lookup = await lookupContactKeys(this.store.db, LIVE_COLLECTIONS, registerKeysOf([order]));
    return orderContactResolver(lookup)(order);
  }

  async ordersNaming(contactId: string, keys: readonly ContactKey[]): Promise<string[]> {
    const filter = { $or: [{ contactId }, ...keys.map((key) => ({ matchKeyType: key.type, matchKey: key.value }))] };
    const docs = await orderViewCollection(this.store.db)
      .find(filter, { projection: { _id: 1 } })
      .toArray();
    return docs.map((doc) => doc._id).sort();
  }

  position(): Promise<number> {
    return this.store.checkpoint();
  }
}
