import type { Contact, ContactKey } from '@orders/domain';

/** Resolves an order's contact key through the contact register (read side). */
export interface ContactResolver {
  /** the contactId the key resolves to: a `ContactId` key directly, any other through the register; null when none */
  resolveContact(contact: Contact): Promise<string | null>;
  /**
   * The orders that name a person (erasure and export, docs/personal-data.md): linked to the contact, or
   * with one of `keys` (normalised, as contactKeysOf gives them) as their match key, deleted ones included.
   */
  ordersNaming(contactId: string, keys: readonly ContactKey[]): Promise<string[]>;
  /** the read model's checkpoint (global log position it reflects) */
  position(): Promise<number>;
}

export const CONTACT_RESOLVER = Symbol('CONTACT_RESOLVER');
