import {
  evolve,
  initialOrderState,
  type LineItem,
  type Order,
  type OrderEvent,
  type OrderState,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  RETURN_TYPES,
} from '@orders/domain';
import type { SeededRandom } from './seeded-random';

/** Pools shared by the order and filter generators, so that filters hit the data (and sometimes miss). */
export const POOLS = {
  contacts: ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', 'c12'],
  skus: ['SKU-1', 'SKU-2', 'SKU-3', 'sku-4', 'Shirt-Red-M', 'Shirt-Red-L', 'Jeans-Blå-32', 'ÅSA-9', 'X1', 'X2'],
  externalStatuses: ['Shipped', 'Partly shipped', 'Delivered', 'Ångrad', 'ready_for_pickup'],
  channels: ['Web', 'POS', 'App', 'Marketplace Öst'],
  stores: ['STORE-1', 'STORE-2', 'Göteborg-3'],
  currencies: ['SEK', 'EUR', 'NOK'],
  deliveryMethods: ['Postnord', 'DHL Express', 'Click & Collect', 'Budbee'],
  brands: ['Acme', 'acme', 'Nordic Wear', 'Über', 'Zeta'],
  categories: ['Shirts', 'Jeans', 'Shoes', 'Accessories'],
  attributes: ['brand', 'category', 'size', 'eco', 'tags', 'missing'],
};

/** Day range of createdAt around `now`. */
const DAY = 86_400_000;

export interface RandomOrderHistory {
  orderId: string;
  events: OrderEvent[];
}

const maybe = <T>(random: SeededRandom, p: number, value: () => T): T | undefined => (random.chance(p) ? value() : undefined);

function isoWithOffset(random: SeededRandom, ms: number): string {
  const offsetMinutes = random.pick([0, 60, 120, -300, 330]);
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function randomLine(random: SeededRandom): LineItem {
  const type = random.chance(0.25) ? 'Return' : 'Purchase';
  const line: LineItem = {
    type,
    quantity: random.chance(0.8) ? random.int(1, 5) : random.quarters(3) + 0.25,
    article: { sku: random.pick(POOLS.skus) },
    totalPrice: random.quarters(300),
  };
  const externalStatus = maybe(random, 0.4, () => random.pick(POOLS.externalStatuses));
  if (externalStatus) line.externalStatus = externalStatus;
  if (type === 'Return' && random.chance(0.7)) line.returnDetails = { type: random.pick(RETURN_TYPES) };
  return line;
}

export function randomOrder(random: SeededRandom, orderId: string, now: number): Order {
  const items = Array.from({ length: random.int(1, 5) }, () => randomLine(random));
  const order: Order = {
    orderId,
    contact: random.chance(0.85)
      ? { matchKey: random.pick(POOLS.contacts), matchKeyType: 'ContactId' }
      : { matchKey: `${orderId}@example.com`, matchKeyType: 'Email' },
    status: random.pick(ORDER_STATUSES),
    type: items.some((line) => line.type === 'Purchase') ? 'Purchase' : 'Return',
    currencyCode: random.pick(POOLS.currencies),
    totalPrice: random.quarters(1000),
    createdAt: isoWithOffset(random, now - random.int(-3, 400) * DAY + random.int(0, DAY)),
    lineItems: { items },
  };
  const optional: Partial<Order> = {
    externalStatus: maybe(random, 0.5, () => random.pick(POOLS.externalStatuses)),
    channel: maybe(random, 0.6, () => random.pick(POOLS.channels)),
    externalStoreId: maybe(random, 0.4, () => random.pick(POOLS.stores)),
    payments: maybe(random, 0.8, () => ({
      items: Array.from({ length: random.int(1, 3) }, () => ({ method: random.pick(PAYMENT_METHODS), amount: random.quarters(500) })),
    })),
    delivery: maybe(random, 0.5, () => ({ method: random.pick(POOLS.deliveryMethods) })),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(order, { [key]: value });
  return order;
}

/** An order's life: registered, then some of status change, delivery change, replace, delete, re-register. */
export function randomOrderHistory(random: SeededRandom, orderId: string, now: number): RandomOrderHistory {
  const events: OrderEvent[] = [{ type: 'OrderRegistered', data: { order: randomOrder(random, orderId, now) } }];
  const steps = random.int(0, 4);
  let deleted = false;
  for (let step = 0; step < steps; step++) {
    const roll = random.next();
    if (deleted) {
      if (roll < 0.5) break;
      events.push({ type: 'OrderRegistered', data: { order: randomOrder(random, orderId, now) } });
      deleted = false;
    } else if (roll < 0.35) {
      const data: { orderId: string; status?: Order['status']; externalStatus?: string } = { orderId };
      if (random.chance(0.7)) data.status = random.pick(ORDER_STATUSES);
      if (!data.status || random.chance(0.5)) data.externalStatus = random.pick(POOLS.externalStatuses);
      events.push({ type: 'OrderStatusChanged', data });
    } else if (roll < 0.55) {
      events.push({ type: 'OrderDeliveryChanged', data: { orderId, delivery: { method: random.pick(POOLS.deliveryMethods) } } });
    } else if (roll < 0.8) {
      events.push({ type: 'OrderReplaced', data: { order: randomOrder(random, orderId, now) } });
    } else {
      events.push({ type: 'OrderDeleted', data: { orderId } });
      deleted = true;
    }
  }
  return { orderId, events };
}

/** The order's final state by the domain's own fold. */
export function foldHistory(history: RandomOrderHistory): OrderState {
  return history.events.reduce<OrderState>((state, event, revision) => evolve(state, event, revision), initialOrderState);
}

/** Article register entries for the SKU pool: scalar and non-scalar attributes, some SKUs unregistered. */
export function randomArticles(random: SeededRandom): Map<string, Record<string, unknown>> {
  const articles = new Map<string, Record<string, unknown>>();
  for (const sku of POOLS.skus) {
    if (random.chance(0.2)) continue;
    const attributes: Record<string, unknown> = {};
    if (random.chance(0.85)) attributes.brand = random.pick(POOLS.brands);
    if (random.chance(0.7)) attributes.category = random.pick(POOLS.categories);
    if (random.chance(0.7)) attributes.size = random.chance(0.8) ? random.int(28, 44) : String(random.int(28, 44));
    if (random.chance(0.5)) attributes.eco = random.chance(0.5);
    if (random.chance(0.3)) attributes.tags = random.chance(0.5) ? ['summer', 'sale'] : { nested: 'x' };
    if (random.chance(0.1)) attributes.category = null;
    articles.set(sku, attributes);
  }
  return articles;
}
