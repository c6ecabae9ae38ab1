import {
  CONTACT_REGISTER,
  type ContactEntry,
  type ContactKey,
  contactKeysOf,
  foldRegister,
  type RegisterState,
  registerStreamId,
} from '@orders/domain';
import type { EventStore, RecordedEvent } from '@orders/event-store';

/** The data of the event an erasure appends to the contact's stream: a delete that says it was an erasure. */
export interface ErasureData {
  id: string;
  erased: true;
}

export interface ContactHistory {
  state: RegisterState<ContactEntry>;
  /** every key the contact has ever had (normalised; erased values give none) */
  keys: ContactKey[];
  /** the last erasure of the contact, if any */
  erasure: RecordedEvent | null;
  exists: boolean;
}

const isErasure = (event: RecordedEvent): boolean =>
  event.type === CONTACT_REGISTER.deleted && (event.data as Partial<ErasureData>).erased === true;

/** The contact's register stream, read once: the entry now, every key it ever had, its last erasure. */
export async function readContactHistory(store: EventStore, contactId: string): Promise<ContactHistory> {
  const events = await store.readStream(registerStreamId(CONTACT_REGISTER, contactId));
  const keys = new Map<string, ContactKey>();
  for (const event of events) {
    const value = (event.data as { value?: ContactEntry }).value;
    if (event.type !== CONTACT_REGISTER.saved || !value) continue;
    for (const key of contactKeysOf(value)) keys.set(`${key.type}:${key.value}`, key);
  }
  return {
    state: foldRegister<ContactEntry>(CONTACT_REGISTER, events),
    keys: [...keys.values()],
    erasure: events.filter(isErasure).at(-1) ?? null,
    exists: events.length > 0,
  };
}
