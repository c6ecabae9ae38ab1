import { normalizeOrder, type Order, type OrderInput } from '@orders/domain';

/** A body of the bench's order generator as the service stores it (normalised, `createdAt` defaulting to `now`). */
export function storedOrder(body: unknown, now: string): Order {
  const result = normalizeOrder(body as OrderInput, { now });
  if (!result.ok) throw new Error(`the order generator made an invalid order: ${JSON.stringify(result.errors)}`);
  return result.order;
}
