import type Database from 'better-sqlite3';
import type { Contact, Order } from '@orders/domain';
import type { ContactResolver } from '../../register.port';
import { contactKeyLookup, orderContactResolver } from '../parts/contacts.part';

/** Contact-key resolution over the embedded read store (the live tables). */
export class SqliteRegisterQueries implements ContactResolver {
  private readonly resolve: (order: Order) => string | null;
  private readonly checkpoint;

  constructor(
    db: Database.Database,
    private readonly projectionName = 'orders',
  ) {
    this.resolve = orderContactResolver(contactKeyLookup(db));
    this.checkpoint = db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?');
  }

  async resolveContact(contact: Contact): Promise<string | null> {
    return this.resolve({ contact } as Order);
  }

  async position(): Promise<number> {
    return this.checkpoint.get(this.projectionName)?.position ?? 0;
  }
}
