import { describe, expect, it } from 'vitest';
import { normalizeContact } from './contact';
import { contactKeysOf, normalizeMatchKey, normalizePhone } from './match-keys';

describe('normalizePhone (E.164)', () => {
  it.each([
    ['+46 70-123 45 67', '+46701234567'],
    ['0046 (70) 123.45.67', '+46701234567'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+12345678', '+12345678'],
    ['+123456789012345', '+123456789012345'],
    ['+46 (0)70-987 65 43', '+46709876543'],
    ['0044 ( 0 ) 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, e164) => expect(normalizePhone(raw)).toBe(e164));

  it.each(['070-123 45 67', '+1234567', '+1234567890123456', '+46 70 12x 45 67', '', '++46701234567', '+0046701234567', '00046701234567'])(
    'rejects %j',
    (raw) => expect(normalizePhone(raw)).toBeNull(),
  );
});

describe('normalizeMatchKey', () => {
  it('lower-cases and trims e-mail, normalises phones, trims other keys and keeps ContactId as it is', () => {
    expect(normalizeMatchKey('Email', ' Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeMatchKey('MobilePhone', '0046701234567')).toBe('+46701234567');
    expect(normalizeMatchKey('MobilePhone', '0701234567')).toBeNull();
    expect(normalizeMatchKey('MemberNumber', ' M-1 ')).toBe('M-1');
    expect(normalizeMatchKey('ContactId', ' c 1 ')).toBe(' c 1 ');
    expect(normalizeMatchKey('ExternalId', '   ')).toBeNull();
  });
});

describe('contact register entries', () => {
  it('given a contact, when normalised, then text is trimmed, the phone is E.164 and every key is indexable', () => {
    const result = normalizeContact({
      email: ' Ada@Example.com',
      mobilePhone: '0046 70 123 45 67',
      memberNumber: 'M-1',
      lastName: 'Lovelace',
      firstName: null,
    });
    expect(result).toEqual({
      ok: true,
      contact: { email: 'Ada@Example.com', mobilePhone: '+46701234567', memberNumber: 'M-1', lastName: 'Lovelace' },
    });
    expect(result.ok && contactKeysOf(result.contact)).toEqual([
      { type: 'Email', value: 'ada@example.com' },
      { type: 'MobilePhone', value: '+46701234567' },
      { type: 'MemberNumber', value: 'M-1' },
    ]);
  });

  it('reports every bad field by its path', () => {
    expect(normalizeContact({ email: 'nope', mobilePhone: '12', shoeSize: 4, lastName: 7 })).toEqual({
      ok: false,
      errors: {
        shoeSize: ['is not a contact field'],
        email: ['must be an e-mail address'],
        mobilePhone: ['must be a phone number with country code (E.164: + and 8–15 digits)'],
        lastName: ['must be a string'],
      },
    });
    expect(normalizeContact([])).toEqual({ ok: false, errors: { '': ['must be an object'] } });
  });
});
