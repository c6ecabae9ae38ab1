/**
 * Normalised contact keys: what an order's `contact.matchKey` is compared with in the contact register.
 * E-mail addresses compare case-insensitively; phone numbers are normalised to E.164.
 */
import type { MatchKeyType } from '../order';

/** What an erased personal field reads as everywhere (API answers, history, triggers, read models); docs/personal-data.md. */
export const ERASED = '[erased]';

/** The register fields that are contact keys, with the match-key type that looks them up. */
export const CONTACT_KEY_FIELDS = {
  email: 'Email',
  mobilePhone: 'MobilePhone',
  memberNumber: 'MemberNumber',
  externalId: 'ExternalId',
  socialSecurityNumber: 'SocialSecurityNumber',
} as const satisfies Record<string, Exclude<MatchKeyType, 'ContactId'>>;

export type ContactKeyField = keyof typeof CONTACT_KEY_FIELDS;

export interface ContactKey {
  type: MatchKeyType;
  value: string;
}

/**
 * A phone number in E.164 (`+`, a country code that does not start with 0, 8–15 digits in all), or
 * null. A trunk prefix written as `(0)` after the country code (`+46 (0)70…`) is dropped, then spaces,
 * dashes, dots and parentheses; a leading `00` becomes `+`; a number without a country code is not guessed.
 */
export function normalizePhone(raw: string): string | null {
  let phone = raw.replace(/\(\s*0\s*\)/g, '').replace(/[\s\-().]/g, '');
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  return /^\+[1-9]\d{7,14}$/.test(phone) ? phone : null;
}

export const normalizeEmail = (raw: string): string => raw.trim().toLowerCase();

/** The value a key of `type` is looked up by, or null when it cannot match anything. */
export function normalizeMatchKey(type: MatchKeyType, raw: string): string | null {
  if (raw === ERASED) return null; // an erased key matches nothing
  switch (type) {
    case 'ContactId':
      return raw;
    case 'Email':
      return normalizeEmail(raw) || null;
    case 'MobilePhone':
      return normalizePhone(raw);
    default:
      return raw.trim() || null;
  }
}

/** Every key a registered contact can be found by. */
export function contactKeysOf(contact: Partial<Record<ContactKeyField, string>>): ContactKey[] {
  const keys: ContactKey[] = [];
  for (const [field, type] of Object.entries(CONTACT_KEY_FIELDS) as [ContactKeyField, MatchKeyType][]) {
    const raw = contact[field];
    if (raw === undefined) continue;
    const value = normalizeMatchKey(type, raw);
    if (value !== null) keys.push({ type, value });
  }
  return keys;
}
