import type { Contact } from '@orders/domain';
import { contactIdOf } from '../order-view/order-view.projection';
import type { ContactResolver } from '../register.port';
import type { MongoReadModels } from './mongo-read-models';

/**
 * Contact resolution on the MongoDB backend until the contact register has its Mongo part: only
 * `ContactId` keys resolve (the order view part resolves the same way, so both always agree).
 */
export class MongoContactResolver implements ContactResolver {
  constructor(private readonly store: MongoReadModels) {}

  async resolveContact(contact: Contact): Promise<string | null> {
    return contactIdOf({ contact } as Parameters<typeof contactIdOf>[0]);
  }

  position(): Promise<number> {
    return this.store.checkpoint();
  }
}
