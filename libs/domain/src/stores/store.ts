/** The store register (SPEC §7): `{ name?, country? }` per externalStoreId. */
import type { FieldErrors } from '../field-errors';
import { addError, defined, hasErrors, isAbsent, isPlainObject, readText } from '../field-rules';
import { canonicalCountryCode } from '../iso-3166';
import type { RegisterKind } from '../registers/register-stream';

export interface StoreEntry {
  name?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
}

export const STORE_STREAM_PREFIX = 'store-';
export const STORE_REGISTER: RegisterKind = { prefix: STORE_STREAM_PREFIX, saved: 'StoreSaved', deleted: 'StoreDeleted' };
export const STORE_NAME_MAX = 255;

export type StoreResult = { ok: true; store: StoreEntry } | { ok: false; errors: FieldErrors };

export function normalizeStore(value: unknown): StoreResult {
  const errors: FieldErrors = {};
  if (!isPlainObject(value)) return { ok: false, errors: { '': ['must be an object'] } };
  for (const key of Object.keys(value)) if (key !== 'name' && key !== 'country') addError(errors, key, 'is not a store field');
  const name = readText(errors, 'name', value['name'], { max: STORE_NAME_MAX })?.trim() || undefined;
  let country: string | undefined;
  if (!isAbsent(value['country'])) {
    country = canonicalCountryCode(value['country']);
    if (country === undefined) addError(errors, 'country', 'must be an ISO 3166-1 alpha-2 country code');
  }
  return hasErrors(errors) ? { ok: false, errors } : { ok: true, store: defined({ name, country }) };
}
