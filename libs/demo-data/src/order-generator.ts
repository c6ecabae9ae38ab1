import { customerEmail, customerMatchKey, DEFAULT_MATCH_KEY_WEIGHTS, type MatchKeyWeights } from './customers';
import { chance, integer, money, pick, type Random, weighted } from './random';

/**
 * Seeded generator of realistic Orders v3 bodies (request-shaped, canonical enum values): 1–10 lines
 * (few-line orders most common), the optional blocks (payments, taxes, fees, delivery, addresses, …)
 * present some of the time, sums that mostly add up. The same seed always gives the same orders.
 */
export type Json = Record<string, unknown>;

/** Tunes who and where; every option draws the same random numbers, so the rest of an order does not change. */
export interface OrderGeneratorOptions {
  /** customers are drawn from 1..contacts (default 2000) */
  contacts?: number;
  /** `externalStoreId` is store-1..store-<stores> (default 50) */
  stores?: number;
  /** dates lie up to 90 days before this instant, in epoch ms (default 2026-06-01T00:00:00Z) */
  baseTime?: number;
  /** relative weights of the match-key types (default ContactId 85, Email 10, MemberNumber 5) */
  matchKeys?: MatchKeyWeights;
}

const LINE_COUNT_WEIGHTS = [30, 22, 15, 10, 7, 5, 4, 3, 2, 2]; // 1..10 lines
const CURRENCIES = ['SEK', 'SEK', 'SEK', 'EUR', 'EUR', 'NOK', 'DKK'];
const EXTERNAL_STATUSES = ['Received', 'Picking', 'Packed', 'Shipped', 'Ready for pickup'];
const CHANNELS = ['Webshop', 'Store', 'App', 'Marketplace'];
export const PRODUCTS = ['SHIRT', 'JEANS', 'SOCKS', 'JACKET', 'SHOES', 'CAP', 'SCARF', 'DRESS', 'BAG', 'BELT'] as const;
export const SIZES = ['XS', 'S', 'M', 'L', 'XL'] as const;
export const COLOURS = ['RED', 'BLK', 'WHT', 'BLU', 'GRN'] as const;
const PAYMENT_METHODS = ['Card', 'Card', 'Klarna', 'Swish', 'Invoice', 'GiftCard', 'PayPal'];
const CITIES = ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Oslo', 'København'];
const BASE_TIME = Date.parse('2026-06-01T00:00:00Z');

function dateTime(random: Random, daysBack: number, baseTime: number): string {
  const time = new Date(baseTime - Math.floor(random() * daysBack * 86_400_000));
  return `${time.toISOString().slice(0, 19)}+00:00`;
}

function address(random: Random, n: number): Json {
  return {
    firstName: pick(random, ['Ada', 'Alan', 'Grace', 'Linus', 'Karin', 'Sven']),
    lastName: pick(random, ['Lovelace', 'Turing', 'Hopper', 'Berg', 'Lind']),
    street: `Storgatan ${integer(random, 1, 99)}`,
    postalCode: String(integer(random, 10_000, 99_999)),
    city: pick(random, CITIES),
    countryCode: pick(random, ['SE', 'SE', 'NO', 'DK', 'FI']),
    ...(chance(random, 0.8) ? { email: customerEmail(n) } : {}),
    ...(chance(random, 0.5) ? { phone: `+4670${integer(random, 1_000_000, 9_999_999)}` } : {}),
  };
}

function lineItem(random: Random, index: number): Json {
  const isReturn = chance(random, 0.05);
  const product = pick(random, PRODUCTS);
  const quantity = weighted(random, [70, 20, 7, 3]) + 1;
  const pricePerUnit = money(49 + random() * 950);
  const discount = chance(random, 0.15) ? money(pricePerUnit * quantity * 0.2) : 0;
  const totalPrice = money(pricePerUnit * quantity - discount);
  const line: Json = {
    ...(chance(random, 0.7) ? { id: `line-${index + 1}` } : {}),
    ...(isReturn ? { type: 'Return' } : chance(random, 0.3) ? { type: 'Purchase' } : {}),
    quantity,
    article: {
      sku: `${product}-${pick(random, COLOURS)}-${pick(random, SIZES)}`,
      ...(chance(random, 0.7) ? { name: `${product[0]}${product.slice(1).toLowerCase()}` } : {}),
      ...(chance(random, 0.2) ? { description: `A ${product.toLowerCase()} made of organic cotton, machine washable` } : {}),
      ...(chance(random, 0.3) ? { imageUri: `https://shop.example/img/${product.toLowerCase()}.png` } : {}),
      ...(chance(random, 0.3) ? { targetUri: `https://shop.example/p/${product.toLowerCase()}` } : {}),
    },
    totalPrice,
    pricePerUnit,
  };
  if (discount > 0) {
    line.originalPricePerUnit = pricePerUnit;
    line.originalTotalPrice = money(pricePerUnit * quantity);
    line.discounts = { items: [{ type: pick(random, ['Promotion', 'Member', 'Coupon']), description: 'Campaign', amount: discount }] };
  }
  if (chance(random, 0.4)) line.taxes = { items: [{ type: 'VAT', percent: 25, amount: money(totalPrice * 0.2) }] };
  if (chance(random, 0.2)) line.externalStatus = pick(random, EXTERNAL_STATUSES);
  if (chance(random, 0.2)) line.group = `delivery-${integer(random, 1, 2)}`;
  if (isReturn && chance(random, 0.8)) line.returnDetails = { type: pick(random, ['Normal', 'Complaint', 'Change']), reason: 'Wrong size' };
  return line;
}

/** One realistic order body; `sequence` varies references and tracking ids deterministically. */
export function generateOrder(random: Random, orderId: string, sequence: number, options: OrderGeneratorOptions = {}): Json {
  const baseTime = options.baseTime ?? BASE_TIME;
  const keyWeights = options.matchKeys ?? DEFAULT_MATCH_KEY_WEIGHTS;
  const lines = Array.from({ length: weighted(random, LINE_COUNT_WEIGHTS) + 1 }, (_, i) => lineItem(random, i));
  const subTotal = money(lines.reduce((sum, line) => sum + (line.totalPrice as number), 0));
  const fee = chance(random, 0.4) ? money(pick(random, [29, 49, 59, 99])) : 0;
  const orderDiscount = chance(random, 0.1) ? money(subTotal * 0.1) : 0;
  const totalPrice = money(subTotal + fee - orderDiscount);
  const contactNumber = integer(random, 1, options.contacts ?? 2000);
  const keyKind =
    keyWeights[
      weighted(
        random,
        keyWeights.map(([, weight]) => weight),
      )
    ]![0];
  const order: Json = {
    orderId,
    contact: customerMatchKey(keyKind, contactNumber),
    status: pick(random, ['InProgress', 'InProgress', 'InProgress', 'Completed', 'Cancelled']),
    currencyCode: pick(random, CURRENCIES),
    totalPrice,
    lineItems: { ...(chance(random, 0.6) ? { subTotal: chance(random, 0.03) ? money(subTotal + 0.01) : subTotal } : {}), items: lines },
  };
  if (chance(random, 0.5)) order.externalStatus = pick(random, EXTERNAL_STATUSES);
  if (chance(random, 0.8)) order.createdAt = dateTime(random, 90, baseTime);
  if (chance(random, 0.3)) order.lastChangedAt = dateTime(random, 10, baseTime);
  if (chance(random, 0.05)) order.references = [`ref-${sequence}`];
  if (chance(random, 0.4)) order.externalStoreId = `store-${integer(random, 1, options.stores ?? 50)}`;
  if (chance(random, 0.6)) order.channel = pick(random, CHANNELS);
  if (chance(random, 0.8)) {
    const split = chance(random, 0.1) ? money(totalPrice / 2) : totalPrice;
    const items: Json[] = [
      { method: pick(random, PAYMENT_METHODS), amount: split, ...(chance(random, 0.5) ? { reference: `psp-${sequence}` } : {}) },
    ];
    if (split !== totalPrice) items.push({ method: 'GiftCard', amount: money(totalPrice - split) });
    order.payments = { items };
  }
  if (orderDiscount > 0) order.discounts = { items: [{ type: 'Coupon', description: 'WELCOME10', amount: orderDiscount }] };
  if (chance(random, 0.5)) order.taxes = { items: [{ type: 'VAT', description: 'VAT 25%', percent: 25, amount: money(totalPrice * 0.2) }] };
  if (fee > 0) order.fees = { items: [{ type: 'Shipping', description: 'Home delivery', amount: fee }] };
  if (chance(random, 0.5)) {
    order.delivery = {
      method: pick(random, ['Home delivery', 'Pickup point', 'Click and collect']),
      ...(chance(random, 0.5) ? { trackingNumber: `TRK-${sequence}`, trackingUri: `https://track.example/TRK-${sequence}` } : {}),
      ...(chance(random, 0.3) ? { deliveryDate: dateTime(random, 5, baseTime) } : {}),
    };
  }
  if (chance(random, 0.6)) order.billingAddress = address(random, contactNumber);
  if (chance(random, 0.5)) order.shippingAddress = address(random, contactNumber);
  return order;
}
