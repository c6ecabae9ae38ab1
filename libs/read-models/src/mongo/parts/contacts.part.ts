import type { Db } from 'mongodb';
import {
  CONTACT_REGISTER,
  CONTACT_STREAM_PREFIX,
  type ContactEntry,
  type ContactKey,
  contactKeysOf,
  type MatchKeyType,
  normalizeMatchKey,
  type Order,
  type RegisterEvent,
} from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { type CollectionNamer, LIVE_COLLECTIONS } from './mongo-projection-part';
import { type RegisterDocument, registerPart } from './register-part';

export const CONTACT_REGISTER_COLLECTION = 'contact_register';

/** A key a contact claims, with the log position of its claim (earliest claimant wins). */
export interface ClaimedKey {
  type: MatchKeyType;
  value: string;
  position: number;
}

/**
 * A contact of the register and its keys (the counterpart of `contact_register` + `contact_keys`):
 * the keys live in the contact's own document, so that the entry and its claims change in one
 * revision-guarded write. `entry` is absent on a tombstone (`deleted: true`, `keys: []`).
 */
export interface ContactDocument extends RegisterDocument {
  entry?: ContactEntry;
  keys: ClaimedKey[];
}

export const contactRegisterCollection = (db: Db, c: CollectionNamer = LIVE_COLLECTIONS) =>
  db.collection<ContactDocument>(c(CONTACT_REGISTER_COLLECTION));

const keyId = (type: string, value: string): string => `${type}\u0000${value}`;

/**
 * The contact register and its key index. A key the contact already had keeps the position of its
 * original claim; a new key (or one claimed again after it was let go) gets the event's position; a
 * deletion lets go of every key.
 */
export const mongoContactsPart = registerPart<ContactEntry, ContactDocument>({
  name: 'contacts',
  kind: CONTACT_REGISTER,
  collection: CONTACT_REGISTER_COLLECTION,
  indexes: [{ key: { 'keys.value': 1, 'keys.type': 1 }, name: 'by_key' }],
  present(id, entry, previous, event) {
    const held = new Map((previous?.keys ?? []).map((key) => [keyId(key.type, key.value), key.position]));
    const keys = contactKeysOf(entry).map((key) => ({
      type: key.type,
      value: key.value,
      position: held.get(keyId(key.type, key.value)) ?? event.position,
    }));
    return { _id: id, revision: event.revision, deleted: false, entry, keys };
  },
  absent: (id, event) => ({ _id: id, revision: event.revision, deleted: true, keys: [] }),
  savedWithoutValueDeletes: true,
});

/** (key type, normalised value) → contactId, null when no contact has that key. */
export interface ContactKeyLookup {
  get(type: string, value: string): string | null;
}

/**
 * Looks the keys up in the register: for each, the contact that claimed it first (lowest position,
 * then contactId), as the SQLite `contact_keys` lookup does. One query for all keys.
 */
export async function lookupContactKeys(db: Db, c: CollectionNamer, keys: readonly ContactKey[]): Promise<ContactKeyLookup> {
  const wanted = new Set(keys.map((key) => keyId(key.type, key.value)));
  const owners = new Map<string, { contactId: string; position: number }>();
  if (wanted.size > 0) {
    const values = [...new Set(keys.map((key) => key.value))];
    const docs = await contactRegisterCollection(db, c)
      .find({ 'keys.value': { $in: values }, deleted: false }, { projection: { keys: 1 } })
      .toArray();
    for (const doc of docs) {
      for (const key of doc.keys) {
        const id = keyId(key.type, key.value);
        if (!wanted.has(id)) continue;
        const owner = owners.get(id);
        if (!owner || key.position < owner.position || (key.position === owner.position && doc._id < owner.contactId)) {
          owners.set(id, { contactId: doc._id, position: key.position });
        }
      }
    }
  }
  return {
    get(type, value) {
      const id = keyId(type, value);
      if (!wanted.has(id)) throw new Error(`contact key ${type} was not looked up`);
      return owners.get(id)?.contactId ?? null;
    },
  };
}

/** An order's match key as stored for relinking: its type and normalised value (null: matches nothing). */
export function matchKeyOf(order: Pick<Order, 'contact'>): { matchKeyType: MatchKeyType; matchKey: string | null } {
  const { matchKeyType, matchKey } = order.contact;
  return { matchKeyType, matchKey: normalizeMatchKey(matchKeyType, matchKey) };
}

/** The register keys (not `ContactId`) that the orders' contacts need looked up. */
export function registerKeysOf(orders: Iterable<Pick<Order, 'contact'>>): ContactKey[] {
  const keys: ContactKey[] = [];
  for (const order of orders) {
    const { matchKeyType, matchKey } = matchKeyOf(order);
    if (matchKeyType !== 'ContactId' && matchKey !== null) keys.push({ type: matchKeyType, value: matchKey });
  }
  return keys;
}

/** The contact an order belongs to: a `ContactId` key directly, any other key through the lookup. */
export function orderContactResolver(lookup: ContactKeyLookup): (order: Pick<Order, 'contact'>) => string | null {
  return (order) => {
    const { matchKeyType, matchKey } = matchKeyOf(order);
    if (matchKeyType === 'ContactId') return order.contact.matchKey;
    return matchKey === null ? null : lookup.get(matchKeyType, matchKey);
  };
}

/** A contact touched by a batch and every key its events claim (none for a deletion). */
export interface ContactChange {
  contactId: string;
  keys: ContactKey[];
}

/** The contacts a batch changes (orders with these keys, or linked to them, may need relinking). */
export function contactChangesOf(events: readonly RecordedEvent[]): ContactChange[] {
  const changes = new Map<string, ContactChange>();
  for (const event of events) {
    if (!event.streamId.startsWith(CONTACT_STREAM_PREFIX)) continue;
    if (event.type !== CONTACT_REGISTER.saved && event.type !== CONTACT_REGISTER.deleted) continue;
    const contactId = event.streamId.slice(CONTACT_STREAM_PREFIX.length);
    const change = changes.get(contactId) ?? { contactId, keys: [] };
    const value = event.type === CONTACT_REGISTER.saved ? (event.data as RegisterEvent<ContactEntry>['data']).value : undefined;
    if (value) change.keys.push(...contactKeysOf(value));
    changes.set(contactId, change);
  }
  return [...changes.values()];
}
