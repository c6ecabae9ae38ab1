import type { Type } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import {
  decide,
  initialOrderState,
  normalizeArticle,
  normalizeContact,
  normalizeStore,
  type OrderCommand,
  type OrderInput,
  type OrderState,
} from '@orders/domain';
import { demoDataSet, orderTemplates } from '@orders/demo-data';
import { ArticleRegisterDto } from '../../articles/article.dto';
import { createValidationPipe } from '../../common/validation';
import { ContactRegisterDto } from '../../contacts/contact.dto';
import { StoreRegisterDto } from '../../stores/store.dto';
import { ChangeStatusDto, RegisterOrderDto, toOrderAction, toOrderInput, toStatusChange } from './index';

/*
 * `demo load` (apps/orders-cli) and the bench write demo bodies as domain commands, checked by the
 * domain alone. This is the guarantee that they are requests the HTTP API accepts: a seeded batch runs
 * through the service's own pipeline (the global ValidationPipe with the endpoint's DTO, the DTO →
 * domain mappers, the register normalisers the controllers apply) and gives the same events / entries
 * as the command the CLI builds from the raw body.
 */
const pipe = createValidationPipe();
const asRequest = async <T>(body: unknown, dto: Type<T>): Promise<T> =>
  (await pipe.transform(JSON.parse(JSON.stringify(body)), { type: 'body', metatype: dto })) as T;

const now = '2026-11-23T12:00:00.000Z';
const data = demoDataSet({ seed: 11, orders: 300, baseTime: Date.parse('2026-11-23T00:00:00Z') });
const bench = orderTemplates(5, 300).map((t, i) => ({ ...t.order, orderId: `bench-${i}` }));

/** E2 through the service: what RegisterOrderHandler runs. */
async function viaService(body: unknown): Promise<OrderCommand> {
  const dto = await asRequest(body, RegisterOrderDto);
  return { type: 'RegisterOrder', order: toOrderInput(dto), orderAction: toOrderAction(dto.orderAction) };
}

/** What the CLI builds from the raw body (apps/orders-cli/src/commands/demo/demo-bodies.ts). */
const raw = (body: Record<string, unknown>): OrderCommand => ({ type: 'RegisterOrder', order: body as unknown as OrderInput });

describe('demo bodies through the service pipeline (ValidationPipe + DTO mappers)', () => {
  it('accepts every generated order body, and the decider writes the same events as from the raw body', async () => {
    for (const body of [...data.orders.map((o) => o.body), ...bench]) {
      const service = decide(await viaService(body), initialOrderState, { now });
      expect(service.ok, JSON.stringify(service)).toBe(true);
      expect(service).toEqual(decide(raw(body), initialOrderState, { now }));
    }
  });

  it('accepts every later status change, with the same event as from the raw body', async () => {
    for (const order of data.orders.filter((o) => o.later)) {
      const registered = decide(raw(order.body), initialOrderState, { now });
      if (!registered.ok) throw new Error(order.orderId);
      const content = (registered.events[0]!.data as { order: never }).order;
      const state: OrderState = { status: 'active', order: content, version: 0, revision: 0 };
      const dto = await asRequest(order.later, ChangeStatusDto);
      const service = decide({ type: 'ChangeOrderStatus', orderId: order.orderId, ...toStatusChange(dto) }, state, { now });
      expect(service.ok).toBe(true);
      expect(service).toEqual(decide({ type: 'ChangeOrderStatus', orderId: order.orderId, ...order.later }, state, { now }));
    }
  });

  it('accepts every register entry, and the controller saves what the domain normaliser alone makes of it', async () => {
    for (const { body } of data.contacts) {
      expect(normalizeContact({ ...(await asRequest(body, ContactRegisterDto)) })).toEqual(normalizeContact(body));
    }
    for (const { body } of data.articles) {
      expect(normalizeArticle({ ...(await asRequest(body, ArticleRegisterDto)) })).toEqual(normalizeArticle(body));
    }
    for (const { body } of data.stores) {
      expect(normalizeStore({ ...(await asRequest(body, StoreRegisterDto)) })).toEqual(normalizeStore(body));
    }
    expect(normalizeContact(data.contacts[0]!.body).ok).toBe(true);
  });

  it('canonicalises what a client may send loosely, and refuses unknown fields', async () => {
    const contact = { matchKey: 'a@b.se', matchKeyType: 'email' };
    const body = { ...data.orders[0]!.body, status: 'in progress', currencyCode: 'sek', contact };
    expect(await viaService(body)).toMatchObject({ order: { status: 'InProgress', contact: { matchKeyType: 'Email' } } });
    const refused = viaService({ ...data.orders[0]!.body, unknownField: 1 });
    await expect(refused).rejects.toMatchObject({ errors: { unknownField: expect.any(Array) } });
  });
});
