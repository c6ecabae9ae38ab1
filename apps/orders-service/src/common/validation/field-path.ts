/** Path of the request as a whole, for errors that belong to no single field. */
export const ROOT_PATH = '$';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Appends one step to a JSON path: `items` + `2` → `items[2]`, `lineItems` + `items` → `lineItems.items`.
 * `asIndex` says whether a numeric step is an array index (class-validator names array elements by
 * their index) or an object key that happens to be numeric (an unknown property "0" → `["0"]`).
 * Keys that are not identifiers are quoted: `contact["foo bar"]`.
 */
export function appendPath(parent: string, step: string, asIndex: boolean): string {
  if (asIndex && ARRAY_INDEX.test(step)) return `${parent}[${step}]`;
  if (IDENTIFIER.test(step)) return parent ? `${parent}.${step}` : step;
  return `${parent}[${JSON.stringify(step)}]`;
}
