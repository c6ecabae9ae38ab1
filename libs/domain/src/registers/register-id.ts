import type { FieldErrors } from '../field-errors';
import { addError, charCount } from '../field-rules';
import { ID_MAX, idCharacterProblem } from '../order-id-rules';

export const REGISTER_ID_MAX = ID_MAX;

/**
 * A register key from a URL path (contactId, sku, externalStoreId): 1–100 characters, not blank, and the
 * id rule every id shares (no control characters, no lone surrogates, not `.` or `..`).
 */
export function readRegisterId(errors: FieldErrors, path: string, value: string): string | undefined {
  const length = charCount(value);
  if (length < 1 || length > REGISTER_ID_MAX) return void addError(errors, path, `must be 1–${REGISTER_ID_MAX} characters`);
  if (value.trim() === '') return void addError(errors, path, 'must not be blank');
  const problem = idCharacterProblem(value);
  if (problem !== undefined) return void addError(errors, path, problem);
  return value;
}
