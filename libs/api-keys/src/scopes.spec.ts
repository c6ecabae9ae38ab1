import { describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, hasScopes, parseScopes } from './scopes';

describe('scopes', () => {
  it('admin implies every scope', () => {
    expect(hasScopes(['admin'], [...API_KEY_SCOPES])).toBe(true);
  });

  it('orders:write implies orders:read, not the other way round', () => {
    expect(hasScopes(['orders:write'], ['orders:read'])).toBe(true);
    expect(hasScopes(['orders:read'], ['orders:write'])).toBe(false);
  });

  it('every required scope must be granted', () => {
    expect(hasScopes(['orders:read', 'contacts'], ['orders:read', 'contacts'])).toBe(true);
    expect(hasScopes(['orders:read'], ['orders:read', 'contacts'])).toBe(false);
    expect(hasScopes([], ['orders:read'])).toBe(false);
    expect(hasScopes(['bogus'], [])).toBe(true);
  });

  it('parses a comma list and names unknown scopes', () => {
    expect(parseScopes('orders:read, orders:write,orders:read')).toEqual(['orders:read', 'orders:write']);
    expect(() => parseScopes('orders:read,root')).toThrow(/root/);
    expect(() => parseScopes(' , ')).toThrow(/at least one/);
  });
});
