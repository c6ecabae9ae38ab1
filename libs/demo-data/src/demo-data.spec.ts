import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contactKeysOf, normalizeContact, normalizeMatchKey, type MatchKeyType } from '@orders/domain';
import { demoDataSet } from './demo-data-set';
import { DEMO_STORES, UNREGISTERED_CONTACT_EVERY, UNREGISTERED_PRODUCT } from './demo-registers';
import { orderTemplates } from './order-templates';

const baseTime = Date.parse('2026-11-23T00:00:00Z');
type Contact = { matchKey: string; matchKeyType: MatchKeyType };

describe('the order generator', () => {
  it('gives the bench exactly the orders it had before it moved into this lib (the bench compares runs on the same data)', () => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(orderTemplates(20261123, 1000)))
      .digest('hex');
    expect(fingerprint).toBe('318f4e5208bc553729eff5248adbd3509360107feeb87e8c0d64a0011cac9153');
  });
});

describe('the demo data set', () => {
  it('follows from the seed; order n is the same whatever the number of orders', () => {
    const fifty = demoDataSet({ seed: 7, orders: 50, contacts: 20, baseTime });
    expect(demoDataSet({ seed: 7, orders: 50, contacts: 20, baseTime })).toEqual(fifty);
    expect(demoDataSet({ seed: 7, orders: 80, contacts: 20, baseTime }).orders.slice(0, 50)).toEqual(fifty.orders);
    expect(demoDataSet({ seed: 8, orders: 50, contacts: 20, baseTime }).orders[0]!.body).not.toEqual(fifty.orders[0]!.body);
    expect(fifty.orders.map((o) => o.orderId)).toEqual(Array.from({ length: 50 }, (_, i) => `demo-7-${i + 1}`));
  });

  it('uses every match-key type, the given customers and stores, dates up to 90 days before the base time', () => {
    const { orders } = demoDataSet({ seed: 1, orders: 400, contacts: 30, baseTime });
    const contacts = orders.map((o) => o.body.contact as Contact);
    expect(new Set(contacts.map((c) => c.matchKeyType))).toEqual(new Set(['ContactId', 'Email', 'MemberNumber', 'MobilePhone']));
    for (const order of orders) {
      const store = order.body.externalStoreId as string | undefined;
      if (store) expect(Number(store.slice('store-'.length))).toBeLessThanOrEqual(DEMO_STORES);
      const created = order.body.createdAt as string | undefined;
      if (created) expect(baseTime - Date.parse(created)).toBeGreaterThanOrEqual(0);
      if (created) expect(baseTime - Date.parse(created)).toBeLessThanOrEqual(90 * 86_400_000);
    }
    expect(orders.filter((o) => o.later).every((o) => o.body.status === 'InProgress')).toBe(true);
    expect(orders.some((o) => o.later)).toBe(true);
  });

  it('registers a contact for every customer but each tenth, with the very keys the orders use', () => {
    const data = demoDataSet({ seed: 3, orders: 300, contacts: 25, baseTime });
    expect(data.contacts.map((c) => c.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `contact-${i + 1}`).filter((_, i) => (i + 1) % UNREGISTERED_CONTACT_EVERY !== 0),
    );
    const owner = new Map<string, string>();
    for (const { id, body } of data.contacts) {
      const result = normalizeContact(body);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) for (const key of contactKeysOf(result.contact)) owner.set(`${key.type}:${key.value}`, id);
    }
    let linked = 0;
    let missing = 0;
    for (const { body } of data.orders) {
      const contact = body.contact as Contact;
      if (contact.matchKeyType === 'ContactId') continue;
      const found = owner.get(`${contact.matchKeyType}:${normalizeMatchKey(contact.matchKeyType, contact.matchKey)}`);
      if (found) linked++;
      else missing++;
    }
    expect(linked).toBeGreaterThan(50);
    expect(missing).toBeGreaterThan(0); // the unregistered tenth: "contact is missing"
  });

  it('registers every SKU the orders use except one product, and all stores but the last', () => {
    const data = demoDataSet({ seed: 4, orders: 200, baseTime });
    const skus = new Set(
      data.orders.flatMap((o) => (o.body.lineItems as { items: { article: { sku: string } }[] }).items.map((l) => l.article.sku)),
    );
    const registered = data.articles.map((a) => a.id);
    expect(registered).toEqual([...skus].filter((sku) => !sku.startsWith(`${UNREGISTERED_PRODUCT}-`)).sort());
    expect([...skus].some((sku) => sku.startsWith(`${UNREGISTERED_PRODUCT}-`))).toBe(true);
    expect(data.articles[0]!.body).toMatchObject({
      attributes: { brand: expect.any(String), category: expect.any(String), colour: expect.any(String), size: expect.any(String) },
    });
    expect(data.stores.map((s) => s.id)).toEqual(Array.from({ length: DEMO_STORES - 1 }, (_, i) => `store-${i + 1}`));
  });
});
