import { Inject, Injectable } from '@nestjs/common';
import { deliveryState } from '@orders/automations';
import { BACKEND, type Backend } from '@orders/backend';
import type { ContactEntry, OrderWarning } from '@orders/domain';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import {
  CONTACT_RESOLVER,
  type ContactResolver,
  ORDER_HISTORY,
  ORDER_READ_MODEL,
  type OrderHistoryEntry,
  type OrderHistoryQueries,
  type OrderReadModel,
  type OrderViewRecord,
} from '@orders/read-models';
import { presentOrder } from '../orders/order.presenter';
import { readContactHistory } from './contact-history';

/** the history of one order in an export: every event (a long history is exported whole) */
const MAX_HISTORY = 100_000;
const MAX_DELIVERIES = 10_000;

export interface PersonalDataExport {
  contactId: string;
  exportedAt: string;
  /** set when the person was erased: what is left reads `[erased]` */
  erased: { erasedAt: string; apiKeyName: string | null } | null;
  /** the register entry now (null when there is none) */
  contact: ContactEntry | null;
  /** each order as E3 shows it (null when the read model has not got it yet), whether deleted, and its whole history */
  orders: { orderId: string; deleted: boolean; order: ReturnType<typeof presentOrder> | null; history: OrderHistoryEntry[] }[];
  warnings: (OrderWarning & { orderId: string })[];
  triggers: {
    orderId: string;
    triggerId: string;
    action: string;
    endpoint: string | null;
    state: string;
    enqueuedAt: string;
    deliveredAt: string | null;
  }[];
}

/**
 * Everything the service holds about a person (GDPR art. 15/20, docs/personal-data.md): the register
 * entry, every order that names them (by contact id, or by any key the contact ever had) with its current
 * state and full history, their warnings, and the automation triggers sent about them.
 */
@Injectable()
export class PersonalDataExportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
    @Inject(ORDER_READ_MODEL) private readonly orders: OrderReadModel,
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(ORDER_HISTORY) private readonly history: OrderHistoryQueries,
  ) {}

  /** null when the service knows nothing of this contact id; `caller`: whose read slots and budget the history reads count against */
  async export(contactId: string, caller = ''): Promise<PersonalDataExport | null> {
    const contact = await readContactHistory(this.store, contactId);
    const orderIds = await this.contacts.ordersNaming(contactId, contact.keys);
    if (!contact.exists && orderIds.length === 0) return null;
    const current = new Map<string, OrderViewRecord | null>();
    for (const orderId of orderIds) current.set(orderId, await this.orders.getOrder(orderId));
    const orders: PersonalDataExport['orders'] = [];
    for (const orderId of orderIds) {
      const record = current.get(orderId) ?? null;
      const history = (await this.history.page(orderId, 0, MAX_HISTORY, { caller }))?.items ?? [];
      orders.push({ orderId, deleted: record?.deleted ?? false, order: record && presentOrder(record), history });
    }
    const endpoints = new Map((await this.backend.automations.endpoints()).map((endpoint) => [endpoint.id, endpoint.url]));
    const triggers: PersonalDataExport['triggers'] = [];
    for (const orderId of orderIds) {
      const { items } = await this.backend.automations.deliveries({ orderId }, 0, MAX_DELIVERIES);
      for (const row of items.reverse()) {
        triggers.push({
          orderId,
          triggerId: row.trigger_id,
          action: row.action,
          endpoint: endpoints.get(row.endpoint_id) ?? null,
          state: deliveryState(row),
          enqueuedAt: row.created_at,
          deliveredAt: row.delivered_at,
        });
      }
    }
    const { erasure } = contact;
    return {
      contactId,
      exportedAt: new Date().toISOString(),
      erased: erasure ? { erasedAt: erasure.createdAt, apiKeyName: erasure.metadata.apiKeyName ?? null } : null,
      contact: contact.state.value,
      orders,
      warnings: orderIds.flatMap((orderId) => (current.get(orderId)?.warnings ?? []).map((warning) => ({ orderId, ...warning }))),
      triggers,
    };
  }
}
