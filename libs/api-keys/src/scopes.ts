/** API key scopes (SPEC §7). */
export const API_KEY_SCOPES = ['orders:read', 'orders:write', 'segments', 'contacts', 'automations', 'personal-data', 'admin'] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

/**
 * The scopes a grant implies: `admin` implies every scope; `orders:write` implies `orders:read`
 * (a writer reads its orders back, follows its jobs and needs the ETag for `If-Match`).
 */
export function effectiveScopes(granted: readonly string[]): Set<ApiKeyScope> {
  if (granted.includes('admin')) return new Set(API_KEY_SCOPES);
  const scopes = new Set(granted.filter(isApiKeyScope));
  if (scopes.has('orders:write')) scopes.add('orders:read');
  return scopes;
}

/** True when the granted scopes cover every required one. */
export function hasScopes(granted: readonly string[], required: readonly ApiKeyScope[]): boolean {
  const effective = effectiveScopes(granted);
  return required.every((scope) => effective.has(scope));
}

/** Parses `orders:read,orders:write` (commas and/or spaces); throws a RangeError naming unknown scopes. */
export function parseScopes(text: string): ApiKeyScope[] {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  const unknown = parts.filter((part) => !isApiKeyScope(part));
  if (unknown.length > 0) throw new RangeError(`unknown scope(s) ${unknown.join(', ')}; known: ${API_KEY_SCOPES.join(', ')}`);
  if (parts.length === 0) throw new RangeError(`at least one scope is needed; known: ${API_KEY_SCOPES.join(', ')}`);
  return [...new Set(parts as ApiKeyScope[])];
}
