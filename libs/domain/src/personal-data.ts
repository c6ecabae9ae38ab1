/**
 * Personal data of an order and of a contact-register entry (docs/personal-data.md): which fields are
 * personal, who they belong to (the data subject), and what they read as once erased. Pure.
 */
import type { ContactEntry } from './contacts/contact';
import { ERASED, normalizeMatchKey } from './contacts/match-keys';
import type { Address, Contact, MatchKeyType, Order } from './order';

/** The fields of an address that are personal; `countryCode` stays (statistics). */
export const PERSONAL_ADDRESS_FIELDS = ['title', 'firstName', 'lastName', 'street', 'postalCode', 'city', 'email', 'phone'] as const;
const ADDRESSES = ['billingAddress', 'shippingAddress'] as const;

/**
 * The data subject a match key names: `<type>:<normalised value>` (e-mail lowercased, phone in E.164,
 * the rest trimmed; a value that does not normalise is taken trimmed). A `ContactId` key is the subject
 * `ContactId:<id>`. Erasing a contact erases the subjects of its id and of every key it ever had.
 */
export function dataSubjectOf(type: MatchKeyType, raw: string): string {
  return `${type}:${normalizeMatchKey(type, raw) ?? raw.trim()}`;
}

/** Whether an order's match key is itself personal (everything but a ContactId, which is a pseudonym). */
export const isPersonalMatchKey = (contact: Contact): boolean => contact.matchKeyType !== 'ContactId';

/** The dotted paths of the personal fields an order carries (relative to the order). */
export function personalOrderPaths(order: Order): string[] {
  const paths: string[] = [];
  if (isPersonalMatchKey(order.contact)) paths.push('contact.matchKey');
  for (const address of ADDRESSES) {
    const value = order[address];
    if (!value) continue;
    for (const field of PERSONAL_ADDRESS_FIELDS) if (value[field] !== undefined) paths.push(`${address}.${field}`);
  }
  return paths;
}

const eraseAddress = (address: Address | undefined): Address | undefined => {
  if (!address) return address;
  const erased: Address = { ...address };
  for (const field of PERSONAL_ADDRESS_FIELDS) if (erased[field] !== undefined) erased[field] = ERASED;
  return erased;
};

/**
 * The order with every personal field replaced by {@link ERASED} (what decrypting it gives once its key is
 * destroyed). With `contactId` — the erased contact the order named, as the erasure event records it — a
 * personal match key becomes that contact id instead: a pseudonym kept in clear, so the order still counts
 * for that contact (its order list and figures, segment contact counts) without naming the person.
 */
export function erasePersonalData(order: Order, contactId?: string): Order {
  const erased: Order = { ...order };
  if (isPersonalMatchKey(order.contact)) {
    erased.contact = contactId === undefined ? { ...order.contact, matchKey: ERASED } : { matchKeyType: 'ContactId', matchKey: contactId };
  }
  for (const address of ADDRESSES) if (order[address]) erased[address] = eraseAddress(order[address]);
  return erased;
}

/** A contact-register entry with every field erased. */
export const eraseContactEntry = (entry: ContactEntry): ContactEntry =>
  Object.fromEntries(Object.keys(entry).map((field) => [field, ERASED])) as ContactEntry;
