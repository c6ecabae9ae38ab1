/**
 * Test data shared by the specs: a valid order body as a client would send it, and the events of a
 * stream. Not exported from the package.
 */
import type { Order, OrderInput } from './order';
import type { OrderEvent } from './order-events';
import { evolve, initialOrderState, type OrderState } from './order-state';

export const NOW = '2024-06-01T10:00:00Z';

/** A valid E2 body, as loose JSON: tests break it on purpose. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: 'order-1',
    contact: { matchKey: 'anna@example.com', matchKeyType: 'Email' },
    status: 'InProgress',
    currencyCode: 'SEK',
    totalPrice: 300,
    lineItems: {
      items: [
        { id: 'l1', quantity: 1, article: { sku: 'SKU-1' }, totalPrice: 100 },
        { id: 'l2', quantity: 2, article: { sku: 'SKU-2' }, totalPrice: 200 },
      ],
    },
    ...overrides,
  };
}

/** Casts a loose body to the input type: the domain must cope with whatever arrives. */
export const asInput = (body: unknown): OrderInput => body as OrderInput;

/** The canonical order that `orderBody()` normalizes to at {@link NOW}. */
export function storedOrder(overrides: Partial<Order> = {}): Order {
  return {
    orderId: 'order-1',
    type: 'Purchase',
    contact: { matchKey: 'anna@example.com', matchKeyType: 'Email' },
    status: 'InProgress',
    currencyCode: 'SEK',
    totalPrice: 300,
    createdAt: NOW,
    lineItems: {
      items: [
        { id: 'l1', type: 'Purchase', quantity: 1, article: { sku: 'SKU-1' }, totalPrice: 100 },
        { id: 'l2', type: 'Purchase', quantity: 2, article: { sku: 'SKU-2' }, totalPrice: 200 },
      ],
    },
    ...overrides,
  };
}

/** The state after `events`, numbered 0, 1, 2… as in a stream. */
export const given = (...events: OrderEvent[]): OrderState =>
  events.reduce((state, event, revision) => evolve(state, event, revision), initialOrderState);

export const registered = (order: Order = storedOrder()): OrderEvent => ({ type: 'OrderRegistered', data: { order } });
export const deleted = (orderId = 'order-1'): OrderEvent => ({ type: 'OrderDeleted', data: { orderId } });
