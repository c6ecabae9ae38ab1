import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from './api-key-store.port';
import { CachedApiKeyLookup } from './cached-api-key-lookup';

const record: ApiKeyRecord = { name: 'shop', scopes: ['orders:read'], createdAt: '2026-01-01T00:00:00Z', revokedAt: null };

/** A store holding one valid key `h1` until `revoke()`, counting its lookups, and a hand-moved clock. */
function given(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const state = { revoked: false, lookups: 0, now: 1_000_000 };
  const store = {
    findValidByHash: async (hash: string) => (state.lookups++, hash === 'h1' && !state.revoked ? record : null),
  };
  const lookup = new CachedApiKeyLookup(store, { ...options, now: () => state.now });
  return { state, lookup };
}

describe('CachedApiKeyLookup', () => {
  it('answers a known key from the cache within the second, then asks the store again', async () => {
    const { state, lookup } = given();

    expect(await lookup.findValidByHash('h1')).toEqual(record);
    state.now += 999;
    expect(await lookup.findValidByHash('h1')).toEqual(record);
    expect(state.lookups).toBe(1);
    state.now += 1;
    expect(await lookup.findValidByHash('h1')).toEqual(record);
    expect(state.lookups).toBe(2);
  });

  it('a key revoked in the store (by another process) stops working within one second', async () => {
    const { state, lookup } = given();
    await lookup.findValidByHash('h1');

    state.revoked = true;
    state.now += 500;
    expect(await lookup.findValidByHash('h1')).toEqual(record); // still inside the second
    state.now += 500;
    expect(await lookup.findValidByHash('h1')).toBeNull();
    state.now += 10;
    expect(await lookup.findValidByHash('h1')).toBeNull();
  });

  it('does not keep unknown keys (every try asks the store), and never trusts longer than one second', async () => {
    const { state, lookup } = given({ ttlMs: 60_000 });

    expect(await lookup.findValidByHash('nope')).toBeNull();
    expect(await lookup.findValidByHash('nope')).toBeNull();
    expect(state.lookups).toBe(2);
    await lookup.findValidByHash('h1');
    state.revoked = true;
    state.now += 1000;
    expect(await lookup.findValidByHash('h1')).toBeNull();
  });

  it('ttlMs 0 turns the cache off', async () => {
    const { state, lookup } = given({ ttlMs: 0 });
    await lookup.findValidByHash('h1');
    await lookup.findValidByHash('h1');
    expect(state.lookups).toBe(2);
  });

  it('cachedValid answers a key found within the last second at once, and nothing for an unknown or expired one', async () => {
    const { state, lookup } = given();
    expect(lookup.cachedValid('h1')).toBeUndefined(); // never looked up
    await lookup.findValidByHash('h1');
    state.now += 999;
    expect(lookup.cachedValid('h1')).toEqual(record);
    state.now += 1;
    expect(lookup.cachedValid('h1')).toBeUndefined(); // its second is over: the store must be asked
    await lookup.findValidByHash('nope');
    expect(lookup.cachedValid('nope')).toBeUndefined();
    expect(state.lookups).toBe(2);
  });
});
