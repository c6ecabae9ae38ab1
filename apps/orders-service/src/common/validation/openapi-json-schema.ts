/**
 * The request-body schemas of the OpenAPI document (OpenAPI 3.0 dialect, as @nestjs/swagger writes them)
 * as JSON Schema (draft-07) definitions that ajv compiles:
 * - `#/components/schemas/X` becomes `<documentId>#/definitions/X`;
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07's numeric ones;
 * - every DTO schema (an object with `properties`) gets `additionalProperties: false`: the service refuses
 *   unknown properties (the validation pipe's whitelist), which the document does not say.
 * `nullable` is left to ajv, which knows it; `example`, `description` and `x-…` rules pass through (ajv
 * ignores what it does not know, and runs the rules compiled-bodies.ts adds as keywords).
 */
export type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema subtrees (not values such as `example`, `enum` or `default`) under each keyword. */
const SCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);

export function toJsonSchemaDefinitions(components: Record<string, unknown>, documentId: string): Record<string, JsonSchema> {
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(components)) {
    const converted = convert(schema, documentId);
    if (isObject(converted.properties) && converted.additionalProperties === undefined) converted.additionalProperties = false;
    definitions[name] = converted;
  }
  return definitions;
}

function convert(schema: unknown, documentId: string): JsonSchema {
  if (!isObject(schema)) return {};
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', `${documentId}#/definitions/`);
    else if (SCHEMA_MAPS.has(key) && isObject(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, convert(child, documentId)]));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((child) => convert(child, documentId));
    else if (SCHEMA_VALUES.has(key) && isObject(value)) out[key] = convert(value, documentId);
    else out[key] = value;
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[bound] !== 'boolean') continue;
    if (out[bound]) out[bound] = out[limit];
    else delete out[bound];
    if (out[bound] !== undefined) delete out[limit];
  }
  return out;
}

/** The guard's keyword on an object that takes no other keys: its property names (compiled-bodies.ts counts the others). */
export const KNOWN_KEYS = 'x-known-keys';

/**
 * The size guard: only the structure (`properties`, `items`, `allOf`, `$ref`), `maxItems` and the known keys
 * of the definitions, so that an array over its limit is refused before a single element of it is looked at,
 * and a flood of unknown keys is counted without building an error for each (an array within its limit
 * costs a walk, nothing more).
 */
export function toSizeGuard(definitions: Record<string, JsonSchema>, fromId: string, toId: string): Record<string, JsonSchema> {
  const prune = (schema: unknown): JsonSchema => {
    if (!isObject(schema)) return {};
    const out: JsonSchema = {};
    if (typeof schema.$ref === 'string') out.$ref = schema.$ref.replace(`${fromId}#`, `${toId}#`);
    if (typeof schema.maxItems === 'number') out.maxItems = schema.maxItems;
    if (isObject(schema.items)) out.items = prune(schema.items);
    if (Array.isArray(schema.allOf)) out.allOf = schema.allOf.map(prune);
    if (isObject(schema.properties) && schema.additionalProperties === false) out[KNOWN_KEYS] = Object.keys(schema.properties);
    if (isObject(schema.properties))
      out.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, child]) => [name, prune(child)]));
    return out;
  };
  return Object.fromEntries(Object.entries(definitions).map(([name, schema]) => [name, prune(schema)]));
}
