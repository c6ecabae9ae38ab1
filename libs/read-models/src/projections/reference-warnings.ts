import type { Order, OrderWarning } from '@orders/domain';

/** What the reference warnings need from the registers. */
export interface RegisterLookups {
  articleExists(sku: string): boolean;
  storeExists(externalStoreId: string): boolean;
}

/**
 * The reference warnings of SPEC §4, computed from the registers as they are now, so that registering
 * the contact, article or store later clears them without the order being sent again:
 * contact is missing (a non-ContactId key that resolves to nobody), store is missing, article is
 * missing (once per unknown SKU, in line order).
 */
export function referenceWarnings(order: Order, contactId: string | null, lookups: RegisterLookups): OrderWarning[] {
  const warnings: OrderWarning[] = [];
  if (contactId === null && order.contact.matchKeyType !== 'ContactId') {
    warnings.push({
      code: 'CONTACT_MISSING',
      message: `no contact has ${order.contact.matchKeyType} '${order.contact.matchKey}'`,
      details: { matchKeyType: order.contact.matchKeyType, matchKey: order.contact.matchKey },
    });
  }
  if (order.externalStoreId !== undefined && !lookups.storeExists(order.externalStoreId)) {
    warnings.push({
      code: 'STORE_MISSING',
      message: `store '${order.externalStoreId}' is not in the store register`,
      details: { externalStoreId: order.externalStoreId },
    });
  }
  const seen = new Set<string>();
  for (const line of order.lineItems.items) {
    const sku = line.article.sku;
    if (seen.has(sku)) continue;
    seen.add(sku);
    if (!lookups.articleExists(sku)) {
      warnings.push({ code: 'ARTICLE_MISSING', message: `article '${sku}' is not in the article register`, details: { sku } });
    }
  }
  return warnings;
}
