import { describe, expect, it } from 'vitest';
import { decide, initialOrderState, type OrderInput } from '@orders/domain';
import { demoDataSet, orderTemplates } from '@orders/demo-data';
import { contactEntry, InvalidDemoBodyError, registerOrderCommand } from './service-bodies';

const now = '2026-11-23T12:00:00.000Z';

describe('demo bodies through the service pipeline (ValidationPipe + DTO mapper)', () => {
  const demo = demoDataSet({ seed: 11, orders: 300, baseTime: Date.parse('2026-11-23T00:00:00Z') }).orders.map((o) => o.body);
  const bench = orderTemplates(5, 300).map((t, i) => ({ ...t.order, orderId: `bench-${i}` }));

  it('accepts every generated body, and the decider writes the same event as from the raw body', async () => {
    for (const body of [...demo, ...bench]) {
      const viaService = decide(await registerOrderCommand(body.orderId as string, body), initialOrderState, { now });
      const raw = decide({ type: 'RegisterOrder', order: body as unknown as OrderInput }, initialOrderState, { now });
      expect(viaService.ok, JSON.stringify(viaService)).toBe(true);
      expect(viaService).toEqual(raw);
    }
  });

  it('canonicalises what a client may send loosely, as the API does', async () => {
    const body = { ...demo[0]!, status: 'in progress', currencyCode: 'sek', contact: { matchKey: 'a@b.se', matchKeyType: 'email' } };
    const command = await registerOrderCommand('demo-x', body);
    expect(command).toMatchObject({ order: { status: 'InProgress', contact: { matchKeyType: 'Email' } } });
  });

  it('refuses a body the API would refuse, naming the field', async () => {
    await expect(registerOrderCommand('demo-x', { ...demo[0]!, unknownField: 1 })).rejects.toThrow(InvalidDemoBodyError);
    await expect(contactEntry('c-1', { mobilePhone: '0701234567' })).rejects.toThrow(/mobilePhone/);
    expect(await contactEntry('c-1', { mobilePhone: '+46 70-000 00 42', email: ' Ada@Example.com ' })).toEqual({ mobilePhone: '+46700000042', email: 'Ada@Example.com' });
  });
});
