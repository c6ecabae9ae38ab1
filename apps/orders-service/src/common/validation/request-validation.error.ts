/** Field path (e.g. `lineItems.items[2].article.sku`, `$` for the request as a whole) → messages. */
export type FieldErrors = Record<string, string[]>;

/**
 * Adds a message under `path` (once). Uses defineProperty, so that a path such as `__proto__` becomes
 * an own key of `errors` instead of replacing its prototype.
 */
export function addFieldError(errors: FieldErrors, path: string, message: string): void {
  const existing = Object.prototype.hasOwnProperty.call(errors, path) ? errors[path] : undefined;
  if (existing) {
    if (!existing.includes(message)) existing.push(message);
    return;
  }
  Object.defineProperty(errors, path, { value: [message], enumerable: true, writable: true, configurable: true });
}

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
