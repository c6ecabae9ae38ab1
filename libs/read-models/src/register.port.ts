import type { Contact } from '@orders/domain';

/** Resolves an order's contact key through the contact register (read side). */
export interface ContactResolver {
  /** the contactId the key resolves to: a `ContactId` key directly, any other through the register; null when none */
  resolveContact(contact: Contact): Promise<string | null>;
  /** the read model's checkpoint (global log position it reflects) */
  position(): Promise<number>;
}

export const CONTACT_RESOLVER = Symbol('CONTACT_RESOLVER');
