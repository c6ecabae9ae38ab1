import { generateOrder, type Json } from './order-generator';
import { seededRandom } from './random';

const ID_TOKEN = '\u0001ORDER-ID\u0001';
const ESCAPED_TOKEN = JSON.stringify(ID_TOKEN).slice(1, -1);

/** A serialized order with a hole for its orderId, so that a unique id costs one string concat. */
export interface OrderTemplate {
  before: string;
  after: string;
  lines: number;
  order: Json;
}

export const fillTemplate = (template: OrderTemplate, orderId: string): string => template.before + orderId + template.after;

/** `count` serialized orders from `seed`; ids are filled in per request with {@link fillTemplate}. */
export function orderTemplates(seed: number, count: number): OrderTemplate[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const order = generateOrder(random, ID_TOKEN, i);
    const [before, after] = JSON.stringify(order).split(ESCAPED_TOKEN) as [string, string];
    return { before, after, lines: (order.lineItems as { items: unknown[] }).items.length, order };
  });
}
