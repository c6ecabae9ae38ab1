import type { FieldErrors } from '@orders/domain';

/**
 * Thrown by the validation pipe when a request body or query does not match its DTO.
 * The HTTP layer maps it to a 400 `application/problem+json` with code `VALIDATION_FAILED`
 * and `errors` = {@link RequestValidationError.errors}.
 */
export class RequestValidationError extends Error {
  readonly errors: FieldErrors;
  /** more paths failed than `errors` lists (the answer says `errorsTruncated: true`) */
  readonly truncated: boolean;

  constructor(errors: FieldErrors, options: { message?: string; truncated?: boolean } = {}) {
    super(options.message ?? 'The request is not valid');
    this.name = 'RequestValidationError';
    this.errors = errors;
    this.truncated = options.truncated ?? false;
  }
}
