import { eraseContactEntry, erasePersonalData, type Order } from '@orders/domain';

/**
 * A stored trigger body (automations' outbox) with the person's fields erased: the order as
 * erasePersonalData leaves it, the contact's register fields as `[erased]` (its id stays). A body that
 * is not the JSON of a trigger is left as it is.
 */
export function eraseTriggerBody(body: string): string {
  let trigger: { order?: Order; contact?: ({ contactId: string } & Record<string, string>) | null };
  try {
    trigger = JSON.parse(body) as typeof trigger;
  } catch {
    return body;
  }
  if (typeof trigger !== 'object' || trigger === null) return body;
  if (trigger.order?.contact) trigger.order = erasePersonalData(trigger.order);
  if (trigger.contact) {
    const { contactId, ...fields } = trigger.contact;
    trigger.contact = { contactId, ...eraseContactEntry(fields) };
  }
  return JSON.stringify(trigger);
}
