/**
 * The smaller parts of an order (SPEC §3): contact, delivery, addresses and references.
 */
import type { FieldErrors } from './field-errors';
import { MATCH_KEY_TYPES, type Address, type Contact, type Delivery, type MatchKeyType } from './order';
import { canonicalCountryCode } from './iso-3166';
import {
  addError,
  at,
  defined,
  isAbsent,
  readDateTime,
  readEnum,
  readId,
  readList,
  readObject,
  readText,
  type JsonRecord,
} from './field-rules';

export const MAX_REFERENCES = 100;
const ADDRESS_FIELD_MAX = 255;

export function readContact(errors: FieldErrors, path: string, value: unknown): Contact | undefined {
  const contact = readObject(errors, path, value, true);
  if (contact === undefined) return undefined;
  return {
    matchKey: readText(errors, at(path, 'matchKey'), contact['matchKey'], {
      required: true,
      min: 1,
      max: 255,
      notBlank: true,
    }) as string,
    matchKeyType: readEnum(errors, at(path, 'matchKeyType'), contact['matchKeyType'], MATCH_KEY_TYPES, true) as MatchKeyType,
  };
}

export const DELIVERY_FIELDS = ['method', 'trackingNumber', 'trackingUri', 'deliveryDate'] as const;

/** The delivery fields of `source`, each checked; `base` is the path prefix ('' for a flat body). */
export function readDeliveryFields(errors: FieldErrors, base: string, source: JsonRecord): Delivery {
  return defined({
    method: readText(errors, at(base, 'method'), source['method'], { max: 100 }),
    trackingNumber: readText(errors, at(base, 'trackingNumber'), source['trackingNumber'], { max: 255 }),
    trackingUri: readText(errors, at(base, 'trackingUri'), source['trackingUri'], { max: 2000 }),
    deliveryDate: readDateTime(errors, at(base, 'deliveryDate'), source['deliveryDate'], false),
  });
}

export function readDelivery(errors: FieldErrors, path: string, value: unknown): Delivery | undefined {
  const delivery = readObject(errors, path, value, false);
  return delivery === undefined ? undefined : readDeliveryFields(errors, path, delivery);
}

/**
 * The spellings of the platform this service mirrors (its public examples send `firstname`, `lastname`):
 * accepted as aliases of the canonical names, which are what is stored and written back.
 */
export const ADDRESS_NAME_ALIASES = { firstname: 'firstName', lastname: 'lastName' } as const;

export const aliasConflictMessage = (canonical: string): string =>
  `must not be sent together with ${canonical} (the same field in another spelling; send one)`;

export function readAddress(errors: FieldErrors, path: string, value: unknown): Address | undefined {
  const address = readObject(errors, path, value, false);
  if (address === undefined) return undefined;
  const text = (field: string): string | undefined => readText(errors, at(path, field), address[field], { max: ADDRESS_FIELD_MAX });
  const name = (alias: keyof typeof ADDRESS_NAME_ALIASES): string | undefined => {
    const canonical = ADDRESS_NAME_ALIASES[alias];
    if (isAbsent(address[alias])) return text(canonical);
    if (!isAbsent(address[canonical])) return void addError(errors, at(path, alias), aliasConflictMessage(canonical));
    return text(alias);
  };
  return defined({
    title: text('title'),
    firstName: name('firstname'),
    lastName: name('lastname'),
    street: text('street'),
    postalCode: text('postalCode'),
    city: text('city'),
    countryCode: readCountryCode(errors, at(path, 'countryCode'), address['countryCode']),
    email: text('email'),
    phone: text('phone'),
  });
}

function readCountryCode(errors: FieldErrors, path: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  const code = canonicalCountryCode(value);
  if (code === undefined) addError(errors, path, 'must be an ISO 3166-1 alpha-2 country code');
  return code;
}

/** Other orderIds: each by the id rule orderId follows (`readId`), reported at `references[i]`. */
export function readReferences(errors: FieldErrors, path: string, value: unknown): string[] | undefined {
  const list = readList(errors, path, value, { max: MAX_REFERENCES });
  if (list === undefined) return undefined;
  return list.map((reference, index) => readId(errors, at(path, index), reference) as string);
}
