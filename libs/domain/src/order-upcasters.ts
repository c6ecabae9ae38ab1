/**
 * Upcasters of order events (pure data transforms, applied on read by the event store's
 * UpcastingEventStore; the log itself is never rewritten). Structurally an `EventUpcaster` of
 * @orders/event-store, so the domain does not depend on the store.
 *
 * Schema history of `OrderRegistered` / `OrderReplaced`:
 * - v0: the shape written by the pre-release importer of legacy (Orders v2) data: the order's
 *   currency was `order.currency`.
 * - v1 (current, ORDER_EVENT_SCHEMA_VERSION): `order.currencyCode`, as in the v3 API (SPEC §3).
 */
type Data = { [key: string]: unknown };

export interface OrderEventUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: Data): Data;
}

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** v0 → v1: `order.currency` is renamed to `order.currencyCode` (other fields untouched). */
function currencyRenamed(data: Data): Data {
  const order = data.order;
  if (!isObject(order) || !('currency' in order)) return data;
  const { currency, ...rest } = order;
  return { ...data, order: { ...rest, currencyCode: rest.currencyCode ?? currency } };
}

export const ORDER_EVENT_UPCASTERS: readonly OrderEventUpcaster[] = [
  { type: 'OrderRegistered', fromVersion: 0, upcast: currencyRenamed },
  { type: 'OrderReplaced', fromVersion: 0, upcast: currencyRenamed },
];
