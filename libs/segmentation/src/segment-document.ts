import type { Order } from '@orders/domain/order';

/**
 * The MongoDB document the segmentation pipeline runs on: one per order, in a collection of its own
 * (`segmentation_orders` in the MongoDB read model). Absent optional fields are OMITTED, never null
 * (`$exists` and `$ne` then mean what the SQL side means). Article attributes of the register may be
 * denormalised into each line (`lines[].article`, scalar values only — strings, numbers, booleans;
 * nested objects, arrays and nulls are left out), as the mingo oracle test does. The MongoDB read model
 * stores lines WITHOUT them: it runs each article test once against the register and hands the
 * pipeline the resulting SKU sets (`compileSegmentPipeline`'s `articleSkus`), so an article change
 * rewrites no order.
 *
 * ```
 * { _id: orderId, orderId, contactId?, status, type, externalStatus?, createdAt: Date, totalPrice,
 *   currencyCode, channel?, externalStoreId?, paymentMethods: [method…], deliveryMethod?, deleted: bool,
 *   lines: [{ sku, type, externalStatus?, returnType?, quantity, totalPrice, article: { <attr>: value } }] }
 * ```
 */
export interface SegmentOrderDocument {
  _id: string;
  orderId: string;
  contactId?: string;
  status: string;
  type: string;
  externalStatus?: string;
  createdAt: Date;
  totalPrice: number;
  currencyCode: string;
  channel?: string;
  externalStoreId?: string;
  paymentMethods: string[];
  deliveryMethod?: string;
  deleted: boolean;
  lines: SegmentLineDocument[];
}

export interface SegmentLineDocument {
  sku: string;
  type: string;
  externalStatus?: string;
  returnType?: string;
  quantity: number;
  totalPrice: number;
  article: Record<string, string | number | boolean>;
}

const defined = <T extends object>(value: T): T => {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined && field !== null) out[key] = field;
  return out as T;
};

/** Only the scalar attributes of an article-register entry (what the SQL side can match too). */
export function scalarAttributes(attributes: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return out;
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

/** The segmentation document of an order (as the order view holds it) and its resolved contact. */
export function toSegmentDocument(
  order: Order,
  contactId: string | null,
  deleted: boolean,
  articleAttributes: (sku: string) => unknown,
): SegmentOrderDocument {
  return defined({
    _id: order.orderId,
    orderId: order.orderId,
    contactId: contactId ?? undefined,
    status: order.status,
    type: order.type,
    externalStatus: order.externalStatus,
    createdAt: new Date(Date.parse(order.createdAt.replace(/(\.\d{3})\d+/, '$1'))),
    totalPrice: order.totalPrice,
    currencyCode: order.currencyCode,
    channel: order.channel,
    externalStoreId: order.externalStoreId,
    paymentMethods: [...new Set((order.payments?.items ?? []).map((payment) => payment.method))],
    deliveryMethod: order.delivery?.method,
    deleted,
    lines: order.lineItems.items.map((line) =>
      defined({
        sku: line.article.sku,
        type: line.type,
        externalStatus: line.externalStatus,
        returnType: line.returnDetails?.type,
        quantity: line.quantity,
        totalPrice: line.totalPrice,
        article: scalarAttributes(articleAttributes(line.article.sku)),
      }),
    ),
  });
}
