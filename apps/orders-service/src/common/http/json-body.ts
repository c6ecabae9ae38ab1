import secureJson from 'secure-json-parse';
import { ApiError } from '../problem/api-error';
import { jsonShapeProblem } from './json-shape';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;
/** Most keys in one JSON object (an order's objects have about 20; `orderAction.data` holds at most 1,000 values). */
export const MAX_JSON_KEYS_PER_OBJECT = 1000;
/**
 * Most elements in one JSON array: ten times the longest array any body may have (1,000 lines), so that an
 * array over its own limit still gets its exact 400 VALIDATION_FAILED, and a 250,000-element one costs nothing.
 */
export const MAX_JSON_ARRAY_ITEMS = 10_000;
const SHAPE_LIMITS = { depth: MAX_JSON_DEPTH, keys: MAX_JSON_KEYS_PER_OBJECT, items: MAX_JSON_ARRAY_ITEMS };

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
 * and, before parsing (json-shape.ts), nesting deeper than MAX_JSON_DEPTH, objects with more than
 * MAX_JSON_KEYS_PER_OBJECT keys and arrays with more than MAX_JSON_ARRAY_ITEMS elements, each as a 400
 * MALFORMED_JSON problem. An empty body (zero bytes) is no
 * body at all and gives `undefined` (many clients send a JSON content type on every request); a
 * body of only whitespace is a body, and not JSON.
 */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  if (text.trim() === '') throw malformed('The body is only whitespace; send JSON, or no body at all.');
  const shapeProblem = jsonShapeProblem(text, SHAPE_LIMITS);
  if (shapeProblem) throw malformed(shapeProblem);
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
  return value;
}
