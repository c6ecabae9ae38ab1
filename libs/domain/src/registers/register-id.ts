import type { FieldErrors } from '../field-errors';
import { addError, charCount } from '../field-rules';

export const REGISTER_ID_MAX = 100;
// eslint-disable-next-line no-control-regex -- rejects C0 control characters and DEL: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A register key from a URL path (contactId, sku, externalStoreId): 1–100 characters, no control characters. */
export function readRegisterId(errors: FieldErrors, path: string, value: string): string | undefined {
  const length = charCount(value);
  if (length < 1 || length > REGISTER_ID_MAX) return void addError(errors, path, `must be 1–${REGISTER_ID_MAX} characters`);
  if (value.trim() === '') return void addError(errors, path, 'must not be blank');
  if (CONTROL.test(value)) return void addError(errors, path, 'must not contain control characters');
  return value;
}
