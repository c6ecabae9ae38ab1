import { Inject, Injectable } from '@nestjs/common';
import {
  CONTACT_REGISTER,
  encodeVersionTag,
  foldRegister,
  orderAtAction,
  orderIdOfStream,
  registerStreamId,
  type ContactEntry,
  toOrderEvents,
  type OrderAction,
} from '@orders/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@orders/event-store';
import { CONTACT_RESOLVER, type ContactResolver } from '@orders/read-models';

/** What an automation endpoint receives (the raw JSON body is what `x-signature` signs). */
export interface AutomationTrigger {
  /** the id of the action event: the same for every endpoint */
  triggerId: string;
  action: OrderAction['action'];
  language?: string;
  data?: Record<string, unknown>;
  orderId: string;
  versionTag: string;
  /** the resolved contact and its register fields; null when the order's key resolves to no contact */
  contact: ({ contactId: string } & ContactEntry) | null;
  /** the order exactly as it was at `versionTag` */
  order: Record<string, unknown>;
  requestedAt: string;
}

/**
 * Builds the trigger of an `OrderActionRequested` event: the order folded from its stream up to the
 * version the action applies to (never a later state), and the contact as the registers know it.
 */
@Injectable()
export class TriggerBuilder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
  ) {}

  async build(event: RecordedEvent): Promise<AutomationTrigger | null> {
    const orderId = orderIdOfStream(event.streamId);
    const stream = await this.store.readStream(event.streamId, { toRevision: event.revision });
    const at = orderAtAction(toOrderEvents(stream), event.revision);
    if (!at) return null;
    const action = (event.data as { action?: OrderAction }).action;
    if (!action) return null;
    const versionTag = encodeVersionTag(orderId, at.version);
    return {
      triggerId: event.id,
      action: action.action,
      ...(action.language !== undefined ? { language: action.language } : {}),
      ...(action.data !== undefined ? { data: action.data } : {}),
      orderId,
      versionTag,
      contact: await this.contactOf(at.order.contact),
      order: { ...at.order, versionTag },
      requestedAt: event.createdAt,
    };
  }

  private async contactOf(key: Parameters<ContactResolver['resolveContact']>[0]): Promise<AutomationTrigger['contact']> {
    const contactId = await this.contacts.resolveContact(key);
    if (contactId === null) return null;
    const registered = foldRegister<ContactEntry>(
      CONTACT_REGISTER,
      await this.store.readStream(registerStreamId(CONTACT_REGISTER, contactId)),
    );
    return { contactId, ...(registered.value ?? {}) };
  }
}
