import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, OrderEvent } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { parseSegment } from '@orders/segmentation';
import { SqliteReadModels } from '../sqlite-read-models';
import { SqliteSegmentQueries } from './segmentation-queries';

const NOW = Date.parse('2026-06-15T12:00:00Z');

const line = (sku: string, extra: Partial<Order['lineItems']['items'][number]> = {}) => ({
  type: 'Purchase' as const,
  quantity: 1,
  article: { sku },
  totalPrice: 10,
  ...extra,
});

/** A–E are live orders; order X matches everything but is deleted; A is first registered with other content, then replaced. */
const ORDERS: Record<string, Omit<Order, 'orderId'>> = {
  A: {
    contact: { matchKey: 'c-A', matchKeyType: 'ContactId' },
    status: 'InProgress',
    type: 'Purchase',
    externalStatus: 'Shipped',
    createdAt: '2026-06-10T10:00:00+02:00',
    totalPrice: 100,
    currencyCode: 'SEK',
    channel: 'Web',
    externalStoreId: 'S1',
    payments: {
      items: [
        { method: 'Card', amount: 50 },
        { method: 'GiftCard', amount: 50 },
      ],
    },
    delivery: { method: 'DHL Express' },
    lineItems: { items: [line('SHIRT-1', { quantity: 2, totalPrice: 60, externalStatus: 'Packed' }), line('JEANS-1', { totalPrice: 40 })] },
  },
  B: {
    contact: { matchKey: 'c-B', matchKeyType: 'ContactId' },
    status: 'Completed',
    type: 'Return',
    createdAt: '2026-01-01T00:00:00Z',
    totalPrice: 250.5,
    currencyCode: 'EUR',
    channel: 'POS',
    payments: { items: [{ method: 'Invoice', amount: 250.5 }] },
    lineItems: { items: [line('JEANS-1', { type: 'Return', totalPrice: 40, returnDetails: { type: 'Complaint' } })] },
  },
  C: {
    contact: { matchKey: 'c-C', matchKeyType: 'ContactId' },
    status: 'Cancelled',
    type: 'Purchase',
    externalStatus: 'Ångrad',
    createdAt: '2025-06-01T00:00:00Z',
    totalPrice: 0,
    currencyCode: 'SEK',
    externalStoreId: 'S2',
    lineItems: {
      items: [line('SHOE-9', { totalPrice: 0 }), line('SHIRT-1', { type: 'Return', totalPrice: 30, returnDetails: { type: 'Normal' } })],
    },
  },
  E: {
    contact: { matchKey: 'e@example.com', matchKeyType: 'Email' },
    status: 'InProgress',
    type: 'Purchase',
    createdAt: '2026-06-14T00:00:00Z',
    totalPrice: 10,
    currencyCode: 'SEK',
    lineItems: { items: [line('X')] },
  },
};

let store: SqliteReadModels;
let queries: SqliteSegmentQueries;

beforeAll(async () => {
  store = SqliteReadModels.open(':memory:');
  const attributes: Record<string, unknown> = {
    'SHIRT-1': { brand: 'Acme', size: 40, eco: true },
    'JEANS-1': { brand: 'Nordic', size: 32, tags: ['Acme'] },
  };
  for (const [sku, value] of Object.entries(attributes)) {
    store.db.prepare('INSERT INTO article_register (sku, name, attributes) VALUES (?, NULL, ?)').run(sku, JSON.stringify(value));
  }
  const events: Array<[string, OrderEvent]> = [];
  const a = { orderId: 'A', ...ORDERS.A! } as Order;
  events.push([
    'A',
    { type: 'OrderRegistered', data: { order: { ...a, status: 'Completed', lineItems: { items: [line('SHOE-9', { quantity: 9 })] } } } },
  ]);
  for (const [orderId, order] of Object.entries(ORDERS))
    if (orderId !== 'A') events.push([orderId, { type: 'OrderRegistered', data: { order: { orderId, ...order } as Order } }]);
  events.push(['A', { type: 'OrderReplaced', data: { order: { ...a, status: 'Completed', delivery: undefined } } }]);
  events.push(['A', { type: 'OrderStatusChanged', data: { orderId: 'A', status: 'InProgress' } }]);
  events.push(['A', { type: 'OrderDeliveryChanged', data: { orderId: 'A', delivery: { method: 'DHL Express' } } }]);
  events.push([
    'X',
    { type: 'OrderRegistered', data: { order: { ...a, orderId: 'X', contact: { matchKey: 'c-X', matchKeyType: 'ContactId' } } } },
  ]);
  events.push(['X', { type: 'OrderDeleted', data: { orderId: 'X' } }]);
  const revisions = new Map<string, number>();
  const recorded: RecordedEvent[] = events.map(([orderId, event], index) => {
    const revision = revisions.get(orderId) ?? 0;
    revisions.set(orderId, revision + 1);
    return {
      id: `e${index}`,
      streamId: `order-${orderId}`,
      revision,
      position: index + 1,
      type: event.type,
      data: event.data as unknown as RecordedEvent['data'],
      metadata: {} as RecordedEvent['metadata'],
      createdAt: '2026-06-15T00:00:00Z',
    };
  });
  await store.applyBatch(recorded, recorded.length);
  queries = new SqliteSegmentQueries(store.db);
});

afterAll(async () => store.close());

/** The matching orders as letters: every live order but E has its own contact `c-<letter>`. */
async function matching(filter: unknown, having?: unknown): Promise<string> {
  const parsed = parseSegment({ filter, having });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const answer = await queries.query(parsed.segment, { offset: 0, count: 100, now: NOW });
  const letters = answer.contacts.map((contact) => contact.contactId.slice(2)).sort();
  expect(answer.contactCount).toBe(letters.length);
  const withoutContact = answer.orderCount - letters.length;
  return letters.join('') + (withoutContact === 1 ? 'E' : withoutContact === 0 ? '' : `+${withoutContact}`);
}

const c = (field: string, op: string, value: unknown) => ({ field, op, value });
const l = (field: string, op: string, value: unknown) => ({ line: c(field, op, value) });

describe('segments over the embedded read store: one case per field kind and operator', () => {
  const cases: Array<[string, unknown, string]> = [
    ['enum eq (case-insensitive input)', c('status', 'eq', 'in progress'), 'AE'],
    ['enum ne', c('status', 'ne', 'Completed'), 'ACE'],
    ['enum in', c('status', 'in', ['completed', 'CANCELLED']), 'BC'],
    ['enum nin', c('status', 'nin', ['InProgress']), 'BC'],
    ['derived type', c('type', 'eq', 'return'), 'B'],
    ['text exists true', c('externalStatus', 'exists', true), 'AC'],
    ['text exists false', c('externalStatus', 'exists', false), 'BE'],
    ['text eq is exact', c('externalStatus', 'eq', 'shipped'), ''],
    ['text ne (absent counts as not equal)', c('externalStatus', 'ne', 'Shipped'), 'BCE'],
    ['text in', c('channel', 'in', ['Web', 'POS']), 'AB'],
    ['text nin (absent counts)', c('externalStatus', 'nin', ['Shipped']), 'BCE'],
    ['contains, case-insensitive beyond ASCII', c('externalStatus', 'contains', 'ÅNG'), 'C'],
    ['startsWith, case-insensitive', c('externalStatus', 'startsWith', 'sh'), 'A'],
    ['startsWith is anchored', c('externalStatus', 'startsWith', 'hipped'), ''],
    ['contains on delivery method after a delivery change', c('deliveryMethod', 'contains', 'express'), 'A'],
    ['currency code compared canonically', c('currencyCode', 'eq', 'eur'), 'B'],
    ['number gt', c('totalPrice', 'gt', 100), 'B'],
    ['number gte', c('totalPrice', 'gte', 100), 'AB'],
    ['number lt', c('totalPrice', 'lt', 100), 'CE'],
    ['number lte', c('totalPrice', 'lte', 0), 'C'],
    ['number eq', c('totalPrice', 'eq', 250.5), 'B'],
    ['number in', c('totalPrice', 'in', [0, 10]), 'CE'],
    ['number between (inclusive)', c('totalPrice', 'between', [10, 100]), 'AE'],
    ['date gte', c('createdAt', 'gte', '2026-06-01T00:00:00Z'), 'AE'],
    ['date lt', c('createdAt', 'lt', '2026-01-01T00:00:00Z'), 'C'],
    ['date eq compares instants', c('createdAt', 'eq', '2026-01-01T01:00:00+01:00'), 'B'],
    ['date ne', c('createdAt', 'ne', '2026-01-01T00:00:00Z'), 'ACE'],
    ['date between (inclusive, any offset)', c('createdAt', 'between', ['2025-12-31T00:00:00Z', '2026-06-10T08:00:00Z']), 'AB'],
    ['date within P30D', c('createdAt', 'within', 'P30D'), 'AE'],
    ['date within P1Y', c('createdAt', 'within', 'P1Y'), 'ABE'],
    ['id eq', c('orderId', 'eq', 'B'), 'B'],
    ['contact eq', c('contactId', 'eq', 'c-A'), 'A'],
    ['contact exists false', c('contactId', 'exists', false), 'E'],
    ['store exists false', c('externalStoreId', 'exists', false), 'BE'],
    ['payment eq (any payment)', c('paymentMethod', 'eq', 'giftcard'), 'A'],
    ['payment ne (no payment is)', c('paymentMethod', 'ne', 'Card'), 'BCE'],
    ['payment in', c('paymentMethod', 'in', ['Invoice', 'Cash']), 'B'],
    ['payment nin', c('paymentMethod', 'nin', ['Card', 'Invoice']), 'CE'],
    ['payment exists', c('paymentMethod', 'exists', true), 'AB'],
    ['payment exists false', c('paymentMethod', 'exists', false), 'CE'],
    ['line sku in', l('sku', 'in', ['SHIRT-1']), 'AC'],
    ['line of a replaced order matches its current lines only', l('sku', 'eq', 'SHOE-9'), 'C'],
    ['one line satisfies all', { line: { all: [c('sku', 'eq', 'SHIRT-1'), c('type', 'eq', 'Purchase')] } }, 'A'],
    ['different lines may satisfy separate line blocks', { all: [l('sku', 'eq', 'SHIRT-1'), l('type', 'eq', 'Purchase')] }, 'AC'],
    ['line returnType eq', l('returnType', 'eq', 'complaint'), 'B'],
    ['line returnType exists', l('returnType', 'exists', true), 'BC'],
    ['line quantity gte', l('quantity', 'gte', 2), 'A'],
    ['line externalStatus eq', l('externalStatus', 'eq', 'Packed'), 'A'],
    ['line totalPrice between', l('totalPrice', 'between', [30, 40]), 'ABC'],
    ['line not: some line is not a purchase', { line: { not: c('type', 'eq', 'Purchase') } }, 'BC'],
    ['article eq is exact', l('article.brand', 'eq', 'acme'), ''],
    ['article eq', l('article.brand', 'eq', 'Acme'), 'AC'],
    ['article contains', l('article.brand', 'contains', 'NORD'), 'AB'],
    ['article startsWith', l('article.brand', 'startsWith', 'ac'), 'AC'],
    ['article number gt', l('article.size', 'gt', 35), 'AC'],
    ['article number eq', l('article.size', 'eq', 32), 'AB'],
    ['article number never equals a string', l('article.size', 'eq', '32'), ''],
    ['article boolean', l('article.eco', 'eq', true), 'AC'],
    ['article exists false (unregistered sku too)', l('article.brand', 'exists', false), 'CE'],
    ['article ne (absent counts)', l('article.brand', 'ne', 'Acme'), 'ABCE'],
    ['article nin', l('article.brand', 'nin', ['Acme', 'Nordic']), 'CE'],
    ['article in with mixed types', l('article.brand', 'in', ['Nordic', 40]), 'AB'],
    ['article between', l('article.size', 'between', [30, 35]), 'AB'],
    ['arrays in the register never match', l('article.tags', 'eq', 'Acme'), ''],
    ['not', { not: c('status', 'eq', 'InProgress') }, 'BC'],
    ['any', { any: [c('status', 'eq', 'Completed'), c('totalPrice', 'eq', 0)] }, 'BC'],
    ['all', { all: [c('status', 'eq', 'InProgress'), c('currencyCode', 'eq', 'SEK')] }, 'AE'],
  ];

  it.each(cases)('%s', async (_name, filter, expected) => {
    expect(await matching(filter)).toBe(expected);
  });
});

describe('segments at the size limits of the grammar', () => {
  const decoys = (count: number, prefix = 'b') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

  it.each([
    ['article in, a full list with every value type', l('article.brand', 'in', [...decoys(497), 'Nordic', 40, true]), 'AB'],
    ['article in, a boolean among 499 other values', l('article.eco', 'in', [...decoys(498), 7, true]), 'AC'],
    ['article nin, a full list', l('article.brand', 'nin', [...decoys(497), 'Acme', 1, false]), 'ABCE'],
  ])('%s', async (_name, filter, expected) => {
    expect(await matching(filter)).toBe(expected);
  });

  it('runs a filter whose lists hold the most values allowed together', async () => {
    const perList = 500;
    const lists = 5_000 / perList;
    const filter = {
      any: Array.from({ length: lists }, (_, i) =>
        i % 2 === 0
          ? c('orderId', 'in', [...decoys(perList - 1, `o${i}-`), i === 0 ? 'B' : 'none'])
          : l('article.brand', 'in', [...decoys(perList - 1), i === 1 ? 'Acme' : 'none']),
      ),
    };
    expect(await matching(filter)).toBe('ABC');
  });
});

describe('segment answers: counts, having, paging', () => {
  it('counts orders without a contact in orderCount only, and having drops them', async () => {
    const all = parseSegment({ filter: c('currencyCode', 'in', ['SEK', 'EUR']) });
    if (!all.ok) throw new Error('invalid');
    expect(await queries.query(all.segment, { offset: 0, count: 2, now: NOW })).toEqual({
      orderCount: 4,
      contactCount: 3,
      contacts: [
        { contactId: 'c-A', orderCount: 1, totalPrice: 100 },
        { contactId: 'c-B', orderCount: 1, totalPrice: 250.5 },
      ],
    });
    expect(await matching(c('currencyCode', 'in', ['SEK', 'EUR']), { totalPrice: { op: 'gte', value: 100 } })).toBe('AB');
    expect(await matching(c('currencyCode', 'in', ['SEK', 'EUR']), { orderCount: { op: 'gte', value: 1 } })).toBe('ABC');
    expect(await matching(c('currencyCode', 'in', ['SEK', 'EUR']), { orderCount: { op: 'gte', value: 2 } })).toBe('');
  });

  it("sums a contact's totals as decimals: 0.1 + 0.2 is 0.3, for the answer and for having", async () => {
    const own = SqliteReadModels.open(':memory:');
    try {
      const order = (orderId: string, totalPrice: number): RecordedEvent => ({
        id: orderId,
        streamId: `order-${orderId}`,
        revision: 0,
        position: orderId === 'p1' ? 1 : 2,
        type: 'OrderRegistered',
        data: {
          order: { orderId, ...ORDERS.E!, contact: { matchKey: 'c-P', matchKeyType: 'ContactId' }, totalPrice },
        } as unknown as RecordedEvent['data'],
        metadata: {} as RecordedEvent['metadata'],
        createdAt: '2026-06-15T00:00:00Z',
      });
      await own.applyBatch([order('p1', 0.1), order('p2', 0.2)], 2);
      const ask = async (having?: unknown) => {
        const parsed = parseSegment({ filter: c('contactId', 'eq', 'c-P'), having });
        if (!parsed.ok) throw new Error('invalid');
        return new SqliteSegmentQueries(own.db).query(parsed.segment, { offset: 0, count: 10, now: NOW });
      };
      expect((await ask()).contacts).toEqual([{ contactId: 'c-P', orderCount: 2, totalPrice: 0.3 }]);
      expect((await ask({ totalPrice: { op: 'eq', value: 0.3 } })).contactCount).toBe(1);
      expect((await ask({ totalPrice: { op: 'lte', value: 0.3 } })).contactCount).toBe(1);
      expect((await ask({ totalPrice: { op: 'gt', value: 0.3 } })).contactCount).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('keeps the totals on a page past the end', async () => {
    const all = parseSegment({ filter: c('totalPrice', 'gte', 0) });
    if (!all.ok) throw new Error('invalid');
    expect(await queries.query(all.segment, { offset: 10, count: 10, now: NOW })).toEqual({ orderCount: 4, contactCount: 3, contacts: [] });
  });
});
