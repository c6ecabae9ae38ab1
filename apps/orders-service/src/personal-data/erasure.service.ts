import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandMeta } from '@orders/application';
import { BACKEND, type Backend } from '@orders/backend';
import { CONTACT_REGISTER, dataSubjectOf, ORDER_EVENT_SCHEMA_VERSION, orderStreamId, registerStreamId } from '@orders/domain';
import { EVENT_STORE, type EventStore, newEventId } from '@orders/event-store';
import {
  CONTACT_RESOLVER,
  type ContactResolver,
  ORDER_HISTORY,
  type OrderHistoryQueries,
  PROJECTION_STORE,
  type ProjectionStore,
} from '@orders/read-models';
import { type ErasureData, readContactHistory } from './contact-history';
import { eraseTriggerBody } from './erase-trigger-body';

export interface ErasureStatus {
  contactId: string;
  status: 'Pending' | 'Completed';
  erasedAt: string;
  apiKeyName: string | null;
  href: string;
}

export const erasureHref = (contactId: string): string => `/api/v3/contacts/${encodeURIComponent(contactId)}/erasure`;

const POLL_MS = 50;
const GIVE_UP_MS = 10 * 60_000;

/**
 * Erasure of a person (docs/personal-data.md): the keys of every data subject of the contact (its id and
 * every key it ever had) are destroyed, so what the event store holds of them reads `[erased]` from now
 * on; every order that names them gets an `OrderPersonalDataErased` event (the read models scrub the order
 * on it, and its history shows when and by which key), the contact an erasing `ContactDeleted`; stored
 * trigger bodies are rewritten. Once the projector has passed the erasure, the embedded files are
 * checkpointed (WAL truncated): the job is Completed then.
 */
@Injectable()
export class ErasureService implements OnApplicationShutdown {
  private readonly logger = new Logger('PersonalData');
  /** contacts whose erasure this process has not finished yet (files not checkpointed) */
  private readonly finishing = new Set<string>();
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
    @Inject(PROJECTION_STORE) private readonly projection: ProjectionStore,
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(ORDER_HISTORY) private readonly history: OrderHistoryQueries,
  ) {}

  async erase(contactId: string, meta: CommandMeta): Promise<ErasureStatus & { ordersErased: number }> {
    const contact = await readContactHistory(this.store, contactId);
    const orderIds = await this.contacts.ordersNaming(contactId, contact.keys);
    const erasedAt = new Date().toISOString();
    const subjects = [dataSubjectOf('ContactId', contactId), ...contact.keys.map((key) => dataSubjectOf(key.type, key.value))];
    const destroyed = await this.backend.subjectKeys.erase(subjects, erasedAt);
    const metadata = {
      schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
      correlationId: meta.correlationId,
      ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}),
    };
    for (const orderId of orderIds) {
      await this.store.appendToStream(orderStreamId(orderId), [
        { id: newEventId(), type: 'OrderPersonalDataErased', data: { orderId, contactId }, metadata },
      ]);
      // on the read pool a broadcast, best effort: the snapshots' personal-data TTL bounds what it misses
      this.history.forget(orderId);
    }
    const data: ErasureData = { id: contactId, erased: true };
    const { position } = await this.store.appendToStream(registerStreamId(CONTACT_REGISTER, contactId), [
      { id: newEventId(), type: CONTACT_REGISTER.deleted, data: { ...data }, metadata },
    ]);
    await this.backend.automations.eraseBodies(orderIds, eraseTriggerBody);
    this.logger.log({ msg: 'personal data erased', contactId, orders: orderIds.length, subjects: destroyed.length });
    this.finishing.add(contactId);
    void this.finish(contactId, position);
    return {
      contactId,
      status: 'Pending',
      erasedAt,
      apiKeyName: meta.apiKeyName ?? null,
      href: erasureHref(contactId),
      ordersErased: orderIds.length,
    };
  }

  /** the state of the contact's last erasure; null when it was never erased */
  async status(contactId: string): Promise<ErasureStatus | null> {
    const { erasure } = await readContactHistory(this.store, contactId);
    if (!erasure) return null;
    const done = (await this.projection.checkpoint()) >= erasure.position && !this.finishing.has(contactId);
    return {
      contactId,
      status: done ? 'Completed' : 'Pending',
      erasedAt: erasure.createdAt,
      apiKeyName: erasure.metadata.apiKeyName ?? null,
      href: erasureHref(contactId),
    };
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /** waits for the projector to pass the erasure, then checkpoints the files (closing them at shutdown does it too) */
  private async finish(contactId: string, position: number): Promise<void> {
    const until = Date.now() + GIVE_UP_MS;
    try {
      while (!this.stopped && Date.now() < until) {
        if ((await this.projection.checkpoint()) >= position) {
          await this.backend.checkpointFiles();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      this.logger.warn({ msg: 'erasure: checkpointing the files failed (they are at the next start or shutdown)', contactId, err: error });
    } finally {
      this.finishing.delete(contactId);
    }
  }
}
