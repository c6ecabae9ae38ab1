import { ERASED, type Order } from '@orders/domain';
import { storedOrder } from '@orders/domain/order.fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextIv, PersonalDataCodec, SEALED_FIELD, type SealedFields } from './personal-data-codec';
import { SqliteSubjectKeyStore } from './sqlite/sqlite-subject-key-store';
import { SubjectKeys } from './subject-keys';

const address = {
  firstName: 'Anna',
  lastName: 'Berg',
  street: 'Storgatan 1',
  city: 'Lund',
  countryCode: 'SE',
  email: 'anna@x.se',
  phone: '+46701234567',
};
const order = (overrides: Partial<Order> = {}): Order =>
  storedOrder({ billingAddress: address, shippingAddress: { ...address, street: 'Lilla vägen 2' }, ...overrides });
const registered = (o: Order) => ({ id: 'e1', type: 'OrderRegistered', data: { order: o } as Record<string, unknown> });
const contactSaved = (id: string, value: Record<string, string>) => ({ id: 'c1', type: 'ContactSaved', data: { id, value } });
const sealedOf = (data: Record<string, unknown>) => data[SEALED_FIELD] as SealedFields[];

describe('PersonalDataCodec', () => {
  let keys: SubjectKeys;
  let codec: PersonalDataCodec;
  beforeEach(() => {
    keys = new SubjectKeys(SqliteSubjectKeyStore.open(':memory:'));
    codec = new PersonalDataCodec(keys);
  });

  it('takes every personal field of an order out of the stored data and puts it back on read', async () => {
    const event = registered(order());
    const sealed = await codec.seal('order-order-1', event);
    const stored = JSON.stringify(sealed.data);
    for (const value of ['anna@example.com', 'Anna', 'Berg', 'Storgatan', 'Lilla', 'Lund', 'anna@x.se', '+46701234567']) {
      expect(stored).not.toContain(value);
    }
    expect(stored).toContain('SKU-1'); // the rest stays readable (statistics)
    expect(stored).toContain('"countryCode":"SE"');
    expect(sealedOf(sealed.data)).toHaveLength(1);
    expect(await codec.open(sealed)).toEqual(event);
    expect(event.data.order).toEqual(order()); // the caller's event is not changed
  });

  it('names one data subject per normalised match key: a phone typed differently is the same person', async () => {
    const phone = (matchKey: string) => order({ contact: { matchKeyType: 'MobilePhone', matchKey } });
    const a = await codec.seal('order-a', registered(phone('+46 70-123 45 67')));
    const b = await codec.seal('order-b', registered(phone('0046701234567')));
    const c = await codec.seal('order-c', registered(order({ contact: { matchKeyType: 'Email', matchKey: 'Anna@Example.com' } })));
    expect(sealedOf(b.data)[0]!.s).toBe(sealedOf(a.data)[0]!.s);
    expect(sealedOf(c.data)[0]!.s).not.toBe(sealedOf(a.data)[0]!.s);
  });

  it('keeps a ContactId match key in clear (a pseudonym) and seals the addresses under that contact', async () => {
    const sealed = await codec.seal('order-1', registered(order({ contact: { matchKeyType: 'ContactId', matchKey: 'c-42' } })));
    expect(JSON.stringify(sealed.data)).toContain('c-42');
    expect(sealedOf(sealed.data)[0]!.p).not.toContain('order.contact.matchKey');
  });

  it('seals a contact entry per key: the e-mail under the same subject as an order by that e-mail, names under the contact id', async () => {
    const contact = await codec.seal(
      'contact-c-1',
      contactSaved('c-1', { email: 'ANNA@example.com', firstName: 'Anna', memberNumber: 'M-9' }),
    );
    expect(JSON.stringify(contact.data)).not.toMatch(/anna|M-9/i);
    const byEmail = await codec.seal('order-1', registered(order()));
    const subjects = sealedOf(contact.data).map((fields) => fields.s);
    expect(subjects).toHaveLength(3);
    expect(subjects).toContain(sealedOf(byEmail.data)[0]!.s);
    expect(await codec.open(contact)).toEqual(contactSaved('c-1', { email: 'ANNA@example.com', firstName: 'Anna', memberNumber: 'M-9' }));
  });

  it('reads erased fields as the marker once the subject is erased, the rest unchanged; the same e-mail then starts a new subject', async () => {
    const sealed = await codec.seal('order-1', registered(order()));
    expect(await keys.erase(['Email:anna@example.com'], new Date().toISOString())).toEqual([sealedOf(sealed.data)[0]!.s]);
    const opened = (await codec.open(sealed)).data.order as Order;
    expect(opened.contact).toEqual({ matchKeyType: 'Email', matchKey: ERASED });
    expect(opened.billingAddress).toEqual({ ...Object.fromEntries(Object.keys(address).map((k) => [k, ERASED])), countryCode: 'SE' });
    expect(opened.lineItems).toEqual(order().lineItems);
    const again = await codec.seal('order-2', registered(order()));
    expect(sealedOf(again.data)[0]!.s).not.toBe(sealedOf(sealed.data)[0]!.s);
    expect(((await codec.open(again)).data.order as Order).contact.matchKey).toBe('anna@example.com');
  });

  it('passes events without personal data through as they are', async () => {
    const status = { id: 'e2', type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } };
    expect(await codec.seal('order-order-1', status)).toBe(status);
    expect(await codec.open(status)).toBe(status);
  });

  it('refuses a ciphertext that does not authenticate (corruption is not erasure)', async () => {
    const sealed = await codec.seal('order-1', registered(order()));
    const fields = sealedOf(sealed.data)[0]!;
    const ct = Buffer.from(fields.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    const tampered = { ...sealed, data: { ...sealed.data, [SEALED_FIELD]: [{ ...fields, ct: ct.toString('base64') }] } };
    await expect(codec.open(tampered)).rejects.toThrow(/authenticate/);
  });

  it('seals and opens at once (sealNow / openNow) what it can, the same as seal / open; a new subject waits for seal', async () => {
    const event = registered(order());
    // the first seal of a subject: its lookup secret is not read yet, nor is the subject created
    expect(codec.sealNow('order-order-1', event)).toBeUndefined();
    const sealed = await codec.seal('order-order-1', event);
    const now = codec.sealNow('order-order-2', event)!;
    expect(now).toBeDefined(); // the subject is known now: no promise
    expect(sealedOf(now.data).map(({ s, p }) => ({ s, p }))).toEqual(sealedOf(sealed.data).map(({ s, p }) => ({ s, p })));
    expect(codec.openNow(now)).toEqual(event);
    expect(await codec.open(now)).toEqual(event);
    // a subject only the store knows (another instance created it, say): read at once, not awaited
    const other = new PersonalDataCodec(new SubjectKeys(keys.store));
    await other.seal('order-x', registered(order({ contact: { matchKeyType: 'Email', matchKey: 'someone@example.com' } }))); // reads the secret
    expect(other.sealNow('order-order-3', event)).toBeDefined();
    expect(other.openNow(now)).toEqual(event);
    // an order by a new customer still needs the waiting path
    expect(
      codec.sealNow('order-order-4', registered(order({ contact: { matchKeyType: 'Email', matchKey: 'new@example.com' } }))),
    ).toBeUndefined();
    // events without personal data pass at once as they are
    const status = { id: 'e2', type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } };
    expect(codec.sealNow('order-order-1', status)).toBe(status);
    expect(codec.openNow(status)).toBe(status);
  });

  it('openNow reads an erased subject as the marker and throws for a ciphertext that does not authenticate, as open does', async () => {
    const sealed = await codec.seal('order-1', registered(order()));
    const fields = sealedOf(sealed.data)[0]!;
    const ct = Buffer.from(fields.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(() =>
      codec.openNow({ ...sealed, data: { ...sealed.data, [SEALED_FIELD]: [{ ...fields, ct: ct.toString('base64') }] } }),
    ).toThrow(/authenticate/);
    await keys.erase(['Email:anna@example.com'], '2026-12-07T06:00:00.000Z');
    const opened = codec.openNow(sealed)!;
    expect((opened.data.order as Order).billingAddress?.firstName).toBe(ERASED);
    expect(opened).toEqual(await codec.open(sealed));
  });

  it('gives every seal its own IV, also across refills of the IV pool, and an IV handed out is not changed by a refill', async () => {
    const first = nextIv();
    const copy = Buffer.from(first);
    const ivs = new Set<string>([first.toString('hex')]);
    for (let i = 0; i < 2000; i++) ivs.add(nextIv().toString('hex')); // several refills of the 341-IV pool
    expect(ivs.size).toBe(2001);
    expect(first.equals(copy)).toBe(true);
    expect(first).toHaveLength(12);
    const a = await codec.seal('order-order-1', registered(order()));
    const b = await codec.seal('order-order-1', registered(order()));
    expect(sealedOf(a.data)[0]!.iv).not.toBe(sealedOf(b.data)[0]!.iv);
    expect(sealedOf(a.data)[0]!.ct).not.toBe(sealedOf(b.data)[0]!.ct);
  });
});
