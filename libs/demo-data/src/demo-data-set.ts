import type { MatchKeyWeights } from './customers';
import {
  DEMO_STORES,
  demoArticles,
  demoContacts,
  demoStores,
  type RegisterEntry,
  UNREGISTERED_CONTACT_EVERY,
  UNREGISTERED_PRODUCT,
} from './demo-registers';
import { generateOrder, type Json } from './order-generator';
import { seededRandom } from './random';

/**
 * The data `demo load` writes: N generated orders (some completed later by a status change), and the
 * register entries that make them interesting. Everything follows from the seed (and the day): the
 * same seed gives the same orderIds and bodies, so a second run finds them all present.
 */
export interface DemoDataSetOptions {
  seed: number;
  orders: number;
  /** customers the orders are spread over (default: a quarter of the orders, at least 10) */
  contacts?: number;
  /** the order dates lie up to 90 days before this instant (epoch ms) */
  baseTime: number;
}

/** An E8 body applied after the registration, as a client would send it. */
export interface DemoStatusChange {
  status: 'Completed';
  externalStatus: string;
}

export interface DemoOrder {
  orderId: string;
  /** the E2 body */
  body: Json;
  /** an E8 body that follows the registration, or undefined */
  later?: DemoStatusChange;
}

export interface DemoDataSet {
  orders: DemoOrder[];
  contacts: RegisterEntry[];
  articles: RegisterEntry[];
  stores: RegisterEntry[];
  /** what is left out of the registers on purpose, for the reference warnings */
  unregistered: { contacts: string; articles: string; stores: string };
}

/** every key type, phone numbers typed with spaces and dashes as people do */
export const DEMO_MATCH_KEYS: MatchKeyWeights = [
  ['ContactId', 55],
  ['Email', 20],
  ['MemberNumber', 10],
  ['MobilePhone', 15],
];

/** share of the orders in progress that get completed by a later status change */
const COMPLETED_LATER = 0.4;

export const demoOrderId = (seed: number, n: number): string => `demo-${seed}-${n}`;
export const defaultDemoContacts = (orders: number): number => Math.max(10, Math.ceil(orders / 4));

export function demoDataSet(options: DemoDataSetOptions): DemoDataSet {
  const contacts = options.contacts ?? defaultDemoContacts(options.orders);
  const bodies = seededRandom(options.seed);
  // a stream of its own, one draw per order: order n is the same whatever the number of orders
  const lifecycle = seededRandom(options.seed ^ 0x5bd1e995);
  const generator = { contacts, stores: DEMO_STORES, baseTime: options.baseTime, matchKeys: DEMO_MATCH_KEYS };
  const orders = Array.from({ length: options.orders }, (_, i): DemoOrder => {
    const orderId = demoOrderId(options.seed, i + 1);
    const body = generateOrder(bodies, orderId, i, generator);
    const completeLater = lifecycle() < COMPLETED_LATER && body.status === 'InProgress';
    return completeLater ? { orderId, body, later: { status: 'Completed', externalStatus: 'Delivered' } } : { orderId, body };
  });
  return {
    orders,
    contacts: demoContacts(contacts),
    articles: demoArticles(orders.map((order) => order.body)),
    stores: demoStores(),
    unregistered: {
      contacts: unregisteredContacts(contacts),
      articles: `${UNREGISTERED_PRODUCT}-*`,
      stores: `store-${DEMO_STORES}`,
    },
  };
}

function unregisteredContacts(contacts: number): string {
  const ids = Array.from(
    { length: Math.floor(contacts / UNREGISTERED_CONTACT_EVERY) },
    (_, i) => `contact-${(i + 1) * UNREGISTERED_CONTACT_EVERY}`,
  );
  if (ids.length === 0) return 'none';
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 2).join(', ')}, … (every ${UNREGISTERED_CONTACT_EVERY}th)`;
}
