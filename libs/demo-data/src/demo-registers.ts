import { customerEmail, customerMemberNumber, customerMobilePhone } from './customers';
import type { Json } from './order-generator';

/**
 * Register entries (request bodies of PUT /contacts, /articles, /stores) for the demo customers, SKUs
 * and stores. A few are left out on purpose, so that every kind of reference warning shows up.
 */
export interface RegisterEntry {
  id: string;
  body: Json;
}

/** customers whose number is a multiple of this are not registered ("contact is missing") */
export const UNREGISTERED_CONTACT_EVERY = 10;
/** the product whose SKUs are not registered ("article is missing") */
export const UNREGISTERED_PRODUCT = 'BELT';
/** demo orders use store-1..store-DEMO_STORES; the last one is not registered ("store is missing") */
export const DEMO_STORES = 6;

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Karin', 'Sven', 'Astrid', 'Olof', 'Greta', 'Nils', 'Ingrid'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Berg', 'Lind', 'Nyström', 'Holm', 'Ek', 'Sjöberg'];

/** Customer `n`: every key an order may use for it (e-mail, E.164 phone, member number). */
export function demoContact(n: number): RegisterEntry {
  return {
    id: `contact-${n}`,
    body: {
      email: customerEmail(n),
      mobilePhone: customerMobilePhone(n),
      memberNumber: customerMemberNumber(n),
      firstName: FIRST_NAMES[n % FIRST_NAMES.length]!,
      lastName: LAST_NAMES[(n * 7) % LAST_NAMES.length]!,
    },
  };
}

/** Contacts 1..count, except every {@link UNREGISTERED_CONTACT_EVERY}th. */
export function demoContacts(count: number): RegisterEntry[] {
  return Array.from({ length: count }, (_, i) => i + 1)
    .filter((n) => n % UNREGISTERED_CONTACT_EVERY !== 0)
    .map(demoContact);
}

const ARTICLE_FACTS: Record<string, { brand: string; category: string }> = {
  SHIRT: { brand: 'Nordic Threads', category: 'Tops' },
  JEANS: { brand: 'Blue Fjord', category: 'Trousers' },
  SOCKS: { brand: 'Nordic Threads', category: 'Underwear' },
  JACKET: { brand: 'Arctic Line', category: 'Outerwear' },
  SHOES: { brand: 'Stride', category: 'Footwear' },
  CAP: { brand: 'Arctic Line', category: 'Accessories' },
  SCARF: { brand: 'Arctic Line', category: 'Accessories' },
  DRESS: { brand: 'Blue Fjord', category: 'Dresses' },
  BAG: { brand: 'Stride', category: 'Accessories' },
  BELT: { brand: 'Stride', category: 'Accessories' },
};
const COLOUR_NAMES: Record<string, string> = { RED: 'Red', BLK: 'Black', WHT: 'White', BLU: 'Blue', GRN: 'Green' };

/** The article of a generated SKU (`SHIRT-RED-M`): name, brand, category, colour and size. */
export function demoArticle(sku: string): RegisterEntry {
  const [product = sku, colour = '', size = ''] = sku.split('-');
  const facts = ARTICLE_FACTS[product] ?? { brand: 'Other', category: 'Other' };
  const colourName = COLOUR_NAMES[colour] ?? colour;
  const name = `${product.charAt(0)}${product.slice(1).toLowerCase()} ${colourName.toLowerCase()} ${size}`.trim();
  return { id: sku, body: { name, attributes: { brand: facts.brand, category: facts.category, colour: colourName, size } } };
}

/** Every SKU the orders use, sorted, except those of {@link UNREGISTERED_PRODUCT}. */
export function demoArticles(orders: readonly Json[]): RegisterEntry[] {
  const skus = new Set<string>();
  for (const order of orders) {
    for (const line of (order.lineItems as { items: { article: { sku: string } }[] }).items) skus.add(line.article.sku);
  }
  return [...skus]
    .filter((sku) => !sku.startsWith(`${UNREGISTERED_PRODUCT}-`))
    .sort()
    .map(demoArticle);
}

const STORES: readonly Json[] = [
  { name: 'Stockholm City', country: 'SE' },
  { name: 'Göteborg Nordstan', country: 'SE' },
  { name: 'Malmö Triangeln', country: 'SE' },
  { name: 'Oslo Karl Johan', country: 'NO' },
  { name: 'København Strøget', country: 'DK' },
];

/** store-1..store-(DEMO_STORES - 1). */
export function demoStores(): RegisterEntry[] {
  return STORES.slice(0, DEMO_STORES - 1).map((body, i) => ({ id: `store-${i + 1}`, body }));
}
