/**
 * Enum values are accepted case-insensitively and with spaces ("In Progress" = "InProgress") and are
 * always written back in canonical casing (SPEC, preamble).
 */
const enumKey = (value: string): string => value.replace(/[\s_-]+/g, '').toLowerCase();

const lookupCache = new WeakMap<readonly string[], Map<string, string>>();

/** The canonical member of `allowed` that `value` names, or undefined when it names none. */
export function canonicalEnum<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  if (typeof value !== 'string') return undefined;
  let lookup = lookupCache.get(allowed);
  if (!lookup) {
    lookup = new Map(allowed.map((member) => [enumKey(member), member]));
    lookupCache.set(allowed, lookup);
  }
  return lookup.get(enumKey(value)) as T | undefined;
}
