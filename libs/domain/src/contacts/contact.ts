/**
 * The contact register (SPEC §7): `{ email?, mobilePhone?, memberNumber?, externalId?,
 * socialSecurityNumber?, firstName?, lastName? }` under a client-chosen contactId.
 */
import type { FieldErrors } from '../field-errors';
import { addError, defined, hasErrors, isPlainObject, readText } from '../field-rules';
import type { RegisterKind } from '../registers/register-stream';
import { normalizeEmail, normalizePhone } from './match-keys';

export const CONTACT_FIELDS = [
  'email',
  'mobilePhone',
  'memberNumber',
  'externalId',
  'socialSecurityNumber',
  'firstName',
  'lastName',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactEntry = Partial<Record<ContactField, string>>;

export const CONTACT_STREAM_PREFIX = 'contact-';
export const CONTACT_REGISTER: RegisterKind = { prefix: CONTACT_STREAM_PREFIX, saved: 'ContactSaved', deleted: 'ContactDeleted' };

export const CONTACT_FIELD_MAX = 254;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type ContactResult = { ok: true; contact: ContactEntry } | { ok: false; errors: FieldErrors };

/**
 * Checks a contact body. Text is trimmed; an e-mail address keeps its casing (it is compared
 * case-insensitively); a mobile phone is stored in E.164.
 */
export function normalizeContact(value: unknown): ContactResult {
  const errors: FieldErrors = {};
  if (!isPlainObject(value)) return { ok: false, errors: { '': ['must be an object'] } };
  for (const key of Object.keys(value)) {
    if (!(CONTACT_FIELDS as readonly string[]).includes(key)) addError(errors, key, 'is not a contact field');
  }
  const contact: ContactEntry = {};
  for (const field of CONTACT_FIELDS) {
    const text = readText(errors, field, value[field], { max: CONTACT_FIELD_MAX })?.trim();
    if (text === undefined || text === '') continue;
    if (field === 'email' && !EMAIL.test(normalizeEmail(text))) addError(errors, field, 'must be an e-mail address');
    else if (field === 'mobilePhone') {
      const phone = normalizePhone(text);
      if (phone === null) addError(errors, field, 'must be a phone number with country code (E.164: + and 8–15 digits)');
      else contact.mobilePhone = phone;
    } else contact[field] = text;
  }
  return hasErrors(errors) ? { ok: false, errors } : { ok: true, contact: defined(contact) };
}
