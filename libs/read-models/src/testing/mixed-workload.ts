import { randomUUID } from 'node:crypto';
import {
  decide,
  evolve,
  initialOrderState,
  ORDER_EVENT_SCHEMA_VERSION,
  orderStreamId,
  type OrderCommand,
  type OrderInput,
  type OrderState,
} from '@orders/domain';
import { seededRandom } from '@orders/demo-data';
import type { EventStore } from '@orders/event-store';

export interface MixedWorkloadOptions {
  orders: number;
  seed?: number;
  /** change rounds after the registrations (default 4) */
  rounds?: number;
  /** orders written concurrently (group commit) */
  concurrency?: number;
  /** orderIds are `<prefix>-<n>` (default `mix`) */
  prefix?: string;
}

function orderInput(orderId: string, random: () => number, day: number): OrderInput {
  const lines = 1 + Math.floor(random() * 3);
  const items = Array.from({ length: lines }, (_, i) => ({
    id: `l${i}`,
    quantity: 1 + Math.floor(random() * 4),
    article: { sku: `SKU-${Math.floor(random() * 500)}`, name: `Article ${i}` },
    totalPrice: 10 * (1 + Math.floor(random() * 50)),
    ...(random() < 0.1 ? { type: 'Return' as const, returnDetails: { type: 'Normal' as const } } : {}),
  }));
  const total = items.reduce((sum, item) => sum + item.totalPrice, 0);
  const contact =
    random() < 0.8
      ? { matchKey: `contact-${Math.floor(random() * 1000)}`, matchKeyType: 'ContactId' as const }
      : { matchKey: `c${Math.floor(random() * 1000)}@example.com`, matchKeyType: 'Email' as const };
  return {
    orderId,
    contact,
    status: 'InProgress',
    currencyCode: random() < 0.5 ? 'SEK' : 'EUR',
    totalPrice: random() < 0.9 ? total : total + 1,
    createdAt: new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + Math.floor(random() * 86_400_000)).toISOString(),
    lineItems: { items },
    payments: { items: [{ method: 'Card', amount: total }] },
  };
}

function nextCommand(orderId: string, state: OrderState, random: () => number, day: number): OrderCommand {
  if (state.status !== 'active' || !state.order) return { type: 'RegisterOrder', order: orderInput(orderId, random, day) };
  const pick = random();
  if (pick < 0.3) {
    const order = orderInput(orderId, random, day);
    return { type: 'ReplaceOrder', orderId, order: { ...order, createdAt: undefined } };
  }
  if (pick < 0.6) {
    const status = (['InProgress', 'Completed', 'Cancelled'] as const)[Math.floor(random() * 3)]!;
    const withAction = random() < 0.2 ? { orderAction: { action: 'ConfirmOrder' as const } } : {};
    return { type: 'ChangeOrderStatus', orderId, status, externalStatus: `ext-${Math.floor(random() * 10)}`, ...withAction };
  }
  if (pick < 0.85) {
    return { type: 'ChangeOrderDelivery', orderId, delivery: { method: 'Post', trackingNumber: `T${Math.floor(random() * 1e6)}` } };
  }
  return { type: 'DeleteOrder', orderId };
}

/**
 * Writes a mixed workload through the domain decider straight into an event store: every order is
 * registered, then changed in rounds (replace, status with and without an action, delivery, delete,
 * re-register after delete). Returns the number of events written.
 */
export async function writeMixedWorkload(store: EventStore, options: MixedWorkloadOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 42);
  const ids = Array.from({ length: options.orders }, (_, i) => `${options.prefix ?? 'mix'}-${i}`);
  const states = new Map<string, OrderState>(ids.map((id) => [id, initialOrderState]));
  const concurrency = options.concurrency ?? 500;
  let written = 0;
  const step = async (orderId: string, day: number): Promise<void> => {
    const state = states.get(orderId) ?? initialOrderState;
    const now = new Date(Date.UTC(2025, 6, 1) + day * 3_600_000).toISOString();
    const decision = decide(nextCommand(orderId, state, random, day), state, { now });
    if (!decision.ok) throw new Error(`workload command rejected: ${JSON.stringify(decision.rejection)}`);
    const correlationId = randomUUID();
    await store.appendToStream(
      orderStreamId(orderId),
      decision.events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: { schemaVersion: ORDER_EVENT_SCHEMA_VERSION, correlationId, apiKeyName: 'workload' },
      })),
      { expectedRevision: state.revision ?? 'no_stream' },
    );
    let next = state;
    for (const event of decision.events) next = evolve(next, event, (next.revision ?? -1) + 1);
    states.set(orderId, next);
    written += decision.events.length;
  };
  const rounds = options.rounds ?? 4;
  for (let round = 0; round <= rounds; round++) {
    const chosen = round === 0 ? ids : ids.filter(() => random() < 0.6);
    for (let i = 0; i < chosen.length; i += concurrency) {
      await Promise.all(chosen.slice(i, i + concurrency).map((id) => step(id, round)));
    }
  }
  return written;
}
