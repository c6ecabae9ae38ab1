import type Database from 'better-sqlite3';
import type { Contact, ContactKey, Order } from '@orders/domain';
import type { ContactResolver } from '../../register.port';
import { contactKeyLookup, orderContactResolver } from '../parts/contacts.part';
import { CONTACT_KEYED_ORDERS } from '../parts/order-view.part';

/** Contact-key resolution over the embedded read store (the live tables). */
export class SqliteRegisterQueries implements ContactResolver {
  private readonly resolve: (order: Order) => string | null;
  private readonly checkpoint;
  private readonly naming;

  constructor(
    db: Database.Database,
    private readonly projectionName = 'orders',
  ) {
    this.resolve = orderContactResolver(contactKeyLookup(db));
    // orders linked to the contact, and orders keyed by one of its contact keys (never of type ContactId: an order
    // keyed by a contact id is linked to it, so the first branch has it); the last term is the partial
    // index's condition, without which SQLite would scan every order
    this.naming = db.prepare<[string, string], { order_id: string }>(
      `SELECT order_id FROM order_view WHERE contact_id = ?
       UNION SELECT order_id FROM order_view JOIN json_each(?) k
         ON match_key_type = json_extract(k.value, '$.type') AND match_key = json_extract(k.value, '$.value')
           AND ${CONTACT_KEYED_ORDERS}
       ORDER BY order_id`,
    );
    this.checkpoint = db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?');
  }

  async resolveContact(contact: Contact): Promise<string | null> {
    return this.resolve({ contact } as Order);
  }

  async ordersNaming(contactId: string, keys: readonly ContactKey[]): Promise<string[]> {
    return this.naming.all(contactId, JSON.stringify(keys)).map((row) => row.order_id);
  }

  async position(): Promise<number> {
    return this.checkpoint.get(this.projectionName)?.position ?? 0;
  }
}
