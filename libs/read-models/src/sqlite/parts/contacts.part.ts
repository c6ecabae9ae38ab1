import type Database from 'better-sqlite3';
import {
  CONTACT_REGISTER,
  CONTACT_STREAM_PREFIX,
  contactKeysOf,
  normalizeMatchKey,
  type ContactEntry,
  type Order,
  type RegisterEvent,
} from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import type { BoundProjectionPart, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

/** (key type, normalised value) → contactId; null when no contact has that key. */
export type ContactKeyLookup = (type: string, value: string) => string | null;

/**
 * The contact index: which contact each normalised key (e-mail lower-cased, phone in E.164, …)
 * belongs to. When two contacts share a key, the one that claimed it first (lowest log position)
 * wins, so that replaying the log always gives the same answer.
 */
export function contactKeyLookup(db: Database.Database, t: TableNamer = (x) => x): ContactKeyLookup {
  const find = db.prepare<[string, string], { contact_id: string }>(
    `SELECT contact_id FROM ${t('contact_keys')} WHERE key_type = ? AND key_value = ? ORDER BY position, contact_id LIMIT 1`,
  );
  return (type, value) => find.get(type, value)?.contact_id ?? null;
}

/** The contact an order belongs to: a `ContactId` key directly, any other key through the index. */
export function orderContactResolver(lookup: ContactKeyLookup): (order: Order) => string | null {
  return (order) => {
    const { matchKeyType, matchKey } = order.contact;
    if (matchKeyType === 'ContactId') return matchKey;
    const value = normalizeMatchKey(matchKeyType, matchKey);
    return value === null ? null : lookup(matchKeyType, value);
  };
}

/** The contact register (its entries) and the contact key index. */
export const contactsPart: SqliteProjectionPart = {
  name: 'contacts',
  streamPrefixes: [CONTACT_STREAM_PREFIX],
  tables: ['contact_register', 'contact_keys'],
  schema: (t) => `
    CREATE TABLE IF NOT EXISTS ${t('contact_register')} (contact_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t('contact_keys')} (
      key_type TEXT NOT NULL,
      key_value TEXT NOT NULL,
      contact_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (key_type, key_value, contact_id)
    );
    CREATE INDEX IF NOT EXISTS ${t('contact_keys_by_contact')} ON ${t('contact_keys')} (contact_id);`,
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    const upsert = db.prepare<[string, string]>(
      `INSERT INTO ${t('contact_register')} (contact_id, doc) VALUES (?, ?) ON CONFLICT(contact_id) DO UPDATE SET doc = excluded.doc`,
    );
    const remove = db.prepare<[string]>(`DELETE FROM ${t('contact_register')} WHERE contact_id = ?`);
    const keysOf = db.prepare<[string], { key_type: string; key_value: string }>(
      `SELECT key_type, key_value FROM ${t('contact_keys')} WHERE contact_id = ?`,
    );
    const dropKey = db.prepare<[string, string, string]>(
      `DELETE FROM ${t('contact_keys')} WHERE key_type = ? AND key_value = ? AND contact_id = ?`,
    );
    const claimKey = db.prepare<[string, string, string, number]>(
      `INSERT OR IGNORE INTO ${t('contact_keys')} (key_type, key_value, contact_id, position) VALUES (?, ?, ?, ?)`,
    );
    return {
      apply(events: readonly RecordedEvent[]): void {
        for (const event of events) {
          if (!event.streamId.startsWith(CONTACT_STREAM_PREFIX)) continue;
          const contactId = event.streamId.slice(CONTACT_STREAM_PREFIX.length);
          const value = event.type === CONTACT_REGISTER.saved ? (event.data as RegisterEvent<ContactEntry>['data']).value : undefined;
          if (event.type !== CONTACT_REGISTER.saved && event.type !== CONTACT_REGISTER.deleted) continue;
          const keys = value ? contactKeysOf(value) : [];
          const wanted = new Set(keys.map((k) => `${k.type}\u0000${k.value}`));
          for (const old of keysOf.all(contactId)) {
            if (!wanted.has(`${old.key_type}\u0000${old.key_value}`)) dropKey.run(old.key_type, old.key_value, contactId);
          }
          // a key the contact already had keeps its original position (its claim)
          for (const key of keys) claimKey.run(key.type, key.value, contactId, event.position);
          if (value) upsert.run(contactId, JSON.stringify(value));
          else remove.run(contactId);
        }
      },
    };
  },
};

/** Contact keys a contact event claims now (none for a deletion): orders with these keys may need relinking. */
export function contactEventKeys(event: RecordedEvent): { contactId: string; keys: { type: string; value: string }[] } | null {
  if (!event.streamId.startsWith(CONTACT_STREAM_PREFIX)) return null;
  const contactId = event.streamId.slice(CONTACT_STREAM_PREFIX.length);
  if (event.type === CONTACT_REGISTER.deleted) return { contactId, keys: [] };
  if (event.type !== CONTACT_REGISTER.saved) return null;
  const value = (event.data as RegisterEvent<ContactEntry>['data']).value;
  return { contactId, keys: value ? contactKeysOf(value) : [] };
}
