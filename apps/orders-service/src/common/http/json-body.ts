import secureJson from 'secure-json-parse';
import { ApiError } from '../problem/api-error';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;

const malformed = (detail: string): ApiError => new ApiError(400, 'MALFORMED_JSON', 'Malformed JSON', detail);

/** Depth of a parsed JSON value, computed without recursion so that hostile nesting cannot blow the stack. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Parses a JSON body: rejects `__proto__` and `constructor.prototype` keys (prototype poisoning)
 * and nesting deeper than MAX_JSON_DEPTH, each as a 400 problem. An empty body (zero bytes) is no
 * body at all and gives `undefined` (many clients send a JSON content type on every request); a
 * body of only whitespace is a body, and not JSON.
 */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  if (text.trim() === '') throw malformed('The body is only whitespace; send JSON, or no body at all.');
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw malformed(
      /forbidden/i.test(message)
        ? 'The body contains a forbidden key (__proto__ or constructor.prototype).'
        : `The body is not valid JSON: ${message}`,
    );
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) throw malformed(`The body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return value;
}
