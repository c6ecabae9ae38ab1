import type { FieldErrors } from '@orders/domain';

/**
 * Thrown by the validation pipe when a request body or query does not match its DTO.
 * The HTTP layer maps it to a 400 `application/problem+json` with code `VALIDATION_FAILED`
 * and `errors` = {@link RequestValidationError.errors}.
 */
export class RequestValidationError extends Error {
  readonly errors: FieldErrors;

  constructor(errors: FieldErrors, message = 'The request is not valid') {
    super(message);
    this.name = 'RequestValidationError';
    this.errors = errors;
  }
}
