import { randomUUID } from 'node:crypto';
import {
  ARTICLE_REGISTER,
  CONTACT_REGISTER,
  type ContactEntry,
  type Order,
  orderStreamId,
  registerStreamId,
  STORE_REGISTER,
  type StoreEntry,
} from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';

/** A synthetic global log for read-model tests: dense revisions per stream, increasing positions. */
export class TestLog {
  private position = 0;
  private readonly revisions = new Map<string, number>();
  /** ids unique to this log, so that a suite can share a database with others */
  readonly run = randomUUID().slice(0, 8);

  event(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.position += 10;
    return {
      id: randomUUID(),
      streamId,
      revision,
      position: this.position,
      type,
      data,
      metadata: { schemaVersion: 1 },
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, this.position)).toISOString(),
    };
  }

  orderId(name: string): string {
    return `${name}-${this.run}`;
  }

  contactId(name: string): string {
    return `${name}-${this.run}`;
  }

  registered(order: Order): RecordedEvent {
    return this.event(orderStreamId(order.orderId), 'OrderRegistered', { order });
  }

  replaced(order: Order): RecordedEvent {
    return this.event(orderStreamId(order.orderId), 'OrderReplaced', { order });
  }

  statusChanged(orderId: string, status: Order['status']): RecordedEvent {
    return this.event(orderStreamId(orderId), 'OrderStatusChanged', { orderId, status });
  }

  deleted(orderId: string): RecordedEvent {
    return this.event(orderStreamId(orderId), 'OrderDeleted', { orderId });
  }

  deliveryChanged(orderId: string, method: string): RecordedEvent {
    return this.event(orderStreamId(orderId), 'OrderDeliveryChanged', { orderId, delivery: { method } });
  }

  contactSaved(contactId: string, value: ContactEntry): RecordedEvent {
    return this.event(registerStreamId(CONTACT_REGISTER, contactId), CONTACT_REGISTER.saved, { id: contactId, value });
  }

  contactDeleted(contactId: string): RecordedEvent {
    return this.event(registerStreamId(CONTACT_REGISTER, contactId), CONTACT_REGISTER.deleted, { id: contactId });
  }

  /** attributes as the log holds them (tests may put shapes the API refuses today, such as arrays) */
  articleSaved(sku: string, value: { name?: string; attributes?: Record<string, unknown> }): RecordedEvent {
    return this.event(registerStreamId(ARTICLE_REGISTER, sku), ARTICLE_REGISTER.saved, { id: sku, value });
  }

  articleDeleted(sku: string): RecordedEvent {
    return this.event(registerStreamId(ARTICLE_REGISTER, sku), ARTICLE_REGISTER.deleted, { id: sku });
  }

  storeSaved(storeId: string, value: StoreEntry): RecordedEvent {
    return this.event(registerStreamId(STORE_REGISTER, storeId), STORE_REGISTER.saved, { id: storeId, value });
  }

  storeDeleted(storeId: string): RecordedEvent {
    return this.event(registerStreamId(STORE_REGISTER, storeId), STORE_REGISTER.deleted, { id: storeId });
  }

  head(): number {
    return this.position;
  }
}

export function testOrder(
  orderId: string,
  contactId: string,
  createdAt = '2026-01-01T00:00:00Z',
  matchKeyType: Order['contact']['matchKeyType'] = 'ContactId',
): Order {
  return {
    orderId,
    contact: { matchKey: contactId, matchKeyType },
    status: 'InProgress',
    type: 'Purchase',
    currencyCode: 'SEK',
    totalPrice: 10,
    createdAt,
    lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: 'A' }, totalPrice: 10 }] },
  };
}
