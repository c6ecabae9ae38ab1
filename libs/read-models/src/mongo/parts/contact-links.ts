import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';
import type { MatchKeyType } from '@orders/domain';
import { fenceFilter, linkFilter } from '../fence';
import { type ContactChange, lookupContactKeys } from './contacts.part';
import type { CollectionNamer } from './mongo-projection-part';

/** The fields an order document keeps so that it can be relinked when the contact register changes. */
export interface LinkedOrderFields {
  _id: string;
  /** the resolved contact; null or absent when the key resolves to nobody */
  contactId?: string | null;
  matchKeyType: MatchKeyType;
  /** the normalised match key (null: it can match nothing) */
  matchKey: string | null;
}

/**
 * After the contact part has applied a batch: every order (of `collection`) whose key a changed
 * contact claims now, or that was linked to a changed contact, gets its contact resolved again from
 * the register as it is now — the relinking of the SQLite order view, for any collection that keeps
 * {@link LinkedOrderFields}. `ContactId` keys never change. Idempotent: it recomputes from the
 * register's current state. Every candidate is written, even when its contact stays the same: the write
 * stamps the batch position (`linkedAt`) and generation (`fence`) on it, so that a relink computed by
 * an older writer from an older register state can no longer land on it.
 *
 * Each relink is a compare-and-set, refused by MongoDB when it would be stale: its filter requires the
 * contact the order had when it was read (another writer relinked it since: ours was computed from an
 * older read), no newer generation (`fence`, a later projector or a rebuild wrote it) and no link made
 * from a later register state (`linkedAt`: the batch position the link was computed at).
 */
export async function relinkOrders<T extends Document>(
  db: Db,
  c: CollectionNamer,
  collection: Collection<T>,
  changes: readonly ContactChange[],
  linkedAt: number,
  fence: number,
  link: (filter: Document, contactId: string | null) => AnyBulkWriteOperation<T>,
): Promise<void> {
  if (changes.length === 0) return;
  const keys = changes.flatMap((change) => change.keys);
  const candidates = (await collection
    .find(
      {
        matchKeyType: { $ne: 'ContactId' },
        $or: [
          { contactId: { $in: changes.map((change) => change.contactId) } },
          ...keys.map((key) => ({ matchKeyType: key.type, matchKey: key.value })),
        ],
      } as never,
      { projection: { contactId: 1, matchKeyType: 1, matchKey: 1, fence: 1, linkedAt: 1 } },
    )
    .toArray()) as unknown as (LinkedOrderFields & { fence?: number; linkedAt?: number })[];
  if (candidates.length === 0) return;
  const lookup = await lookupContactKeys(
    db,
    c,
    candidates.flatMap((order) => (order.matchKey === null ? [] : [{ type: order.matchKeyType, value: order.matchKey }])),
  );
  const writes: AnyBulkWriteOperation<T>[] = [];
  for (const order of candidates) {
    const contactId = order.matchKey === null ? null : lookup.get(order.matchKeyType, order.matchKey);
    // nothing to change or stamp: a redelivered batch of the same writer
    if (contactId === (order.contactId ?? null) && (order.linkedAt ?? 0) >= linkedAt && (order.fence ?? 0) >= fence) continue;
    writes.push(link({ _id: order._id, contactId: order.contactId ?? null, ...fenceFilter(fence), ...linkFilter(linkedAt) }, contactId));
  }
  if (writes.length > 0) await collection.bulkWrite(writes, { ordered: false });
}
