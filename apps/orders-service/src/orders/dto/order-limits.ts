import { MAX_AMOUNT as DOMAIN_MAX_AMOUNT } from '@orders/domain/field-rules';
import { LANGUAGE_MAX } from '@orders/domain/normalize-action';
import { MAX_LIST_ITEMS } from '@orders/domain/normalize-amounts';
import { MAX_LINE_ITEMS as DOMAIN_MAX_LINE_ITEMS } from '@orders/domain/normalize-line-items';
import { ORDER_ID_MAX } from '@orders/domain/normalize-order';
import { MAX_REFERENCES as DOMAIN_MAX_REFERENCES } from '@orders/domain/normalize-parts';

/**
 * Size limits of the request fields. SPEC §3 fixes some (ids 1–100, externalStatus ≤ 100, return
 * reason ≤ 255, count ≤ 100); the others are the domain normalizer's (libs/domain/src/normalize-*.ts),
 * repeated or imported here so that the DTOs never reject what the domain accepts, nor the reverse.
 */
export const MAX_ID_LENGTH = ORDER_ID_MAX; // orderId, references, sku, line id, contactId (100)
export const MAX_SHORT_TEXT_LENGTH = 100; // externalStatus, channel, externalStoreId, group, delivery method
export const MAX_TEXT_LENGTH = 255; // matchKey, names, descriptions, payment reference, return reason, address fields, trackingNumber
export const MAX_LONG_TEXT_LENGTH = 2000; // article description, imageUri, targetUri, trackingUri
export const MAX_LANGUAGE_LENGTH = LANGUAGE_MAX; // 35
export const MAX_VERSION_TAG_LENGTH = 200;

/** Most lines in one order. */
export const MAX_LINE_ITEMS = DOMAIN_MAX_LINE_ITEMS; // 1000
/** Most entries in one money list (payments, discounts, taxes, fees; header, line and fee level). */
export const MAX_MONEY_LIST_ITEMS = MAX_LIST_ITEMS; // 100
/** Most `references`. */
export const MAX_REFERENCES = DOMAIN_MAX_REFERENCES; // 100

/** Money, quantities and percentages are finite JSON numbers of at most this. */
export const MAX_AMOUNT = DOMAIN_MAX_AMOUNT; // 1e15

/** Paging of E1. */
export const DEFAULT_PAGE_COUNT = 10;
export const MAX_PAGE_COUNT = 100;
