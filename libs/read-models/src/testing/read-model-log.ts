import { randomUUID } from 'node:crypto';
import { type Order, orderStreamId } from '@orders/domain';
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

  head(): number {
    return this.position;
  }
}

export function testOrder(orderId: string, contactId: string, createdAt = '2026-01-01T00:00:00Z'): Order {
  return {
    orderId,
    contact: { matchKey: contactId, matchKeyType: 'ContactId' },
    status: 'InProgress',
    type: 'Purchase',
    currencyCode: 'SEK',
    totalPrice: 10,
    createdAt,
    lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: 'A' }, totalPrice: 10 }] },
  };
}
