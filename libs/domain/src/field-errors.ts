/**
 * The `errors` map of a refused request: field path (`lineItems.items[2].article.sku`, `$` for the
 * request as a whole) → messages. One type and one way to add to it, for the domain, the segment
 * grammar and the HTTP validation alike.
 */
export type FieldErrors = Record<string, string[]>;

/**
 * Adds `message` under `path`, once: a message already listed there is not repeated. Uses
 * defineProperty, so that a path such as `__proto__` becomes an own key instead of replacing the prototype.
 */
export function addError(errors: FieldErrors, path: string, message: string): void {
  const existing = Object.prototype.hasOwnProperty.call(errors, path) ? errors[path] : undefined;
  if (existing) {
    if (!existing.includes(message)) existing.push(message);
    return;
  }
  Object.defineProperty(errors, path, { value: [message], enumerable: true, writable: true, configurable: true });
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;
