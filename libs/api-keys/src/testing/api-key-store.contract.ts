import { afterEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../api-key';
import { ApiKeyNameTakenError, type ApiKeyStore } from '../api-key-store.port';

/** A store on fresh data, and another store on the same data (another instance, or the CLI). */
export interface ApiKeyStoreFixture {
  store: ApiKeyStore;
  another(): Promise<ApiKeyStore>;
  cleanup(): Promise<void>;
}

/** The ApiKeyStore contract (test helper, imports vitest): every adapter must pass it. */
export function describeApiKeyStoreContract(name: string, open: () => Promise<ApiKeyStoreFixture>): void {
  describe(`ApiKeyStore contract: ${name}`, () => {
    const fixtures: ApiKeyStoreFixture[] = [];
    afterEach(async () => {
      for (const fixture of fixtures.splice(0)) await fixture.cleanup();
    });
    const fresh = async () => {
      const fixture = await open();
      fixtures.push(fixture);
      return fixture;
    };

    it('creates a random key, stores only its hash, and finds it by hash', async () => {
      const { store: keys } = await fresh();
      const { key, record } = await keys.create('shop', ['orders:write']);
      expect(key).toMatch(/^ok_[\w-]{43}$/);
      expect(record).toMatchObject({ name: 'shop', scopes: ['orders:write'], revokedAt: null });
      expect(await keys.findValidByHash(hashApiKey(key))).toMatchObject({ name: 'shop', scopes: ['orders:write'] });
      expect(await keys.findValidByHash(hashApiKey(`${key}x`))).toBeNull();
      expect(await keys.findValidByHash('')).toBeNull();
      expect(JSON.stringify(await keys.list())).not.toContain(key);
    });

    it('never reuses a name, not even of a revoked key', async () => {
      const { store: keys } = await fresh();
      const { key } = await keys.create('pos', ['orders:read']);
      await expect(keys.create('pos', ['orders:read'])).rejects.toBeInstanceOf(ApiKeyNameTakenError);
      expect(await keys.revoke('pos')).toBe(true);
      expect(await keys.revoke('pos')).toBe(false);
      expect(await keys.revoke('nobody')).toBe(false);
      expect(await keys.findValidByHash(hashApiKey(key))).toBeNull();
      await expect(keys.create('pos', ['orders:read'])).rejects.toBeInstanceOf(ApiKeyNameTakenError);
      expect((await keys.list())[0]!.revokedAt).toEqual(expect.any(String));
    });

    it('rejects bad names and scopes', async () => {
      const { store: keys } = await fresh();
      await expect(keys.create('', ['admin'])).rejects.toThrow(RangeError);
      await expect(keys.create('a b', ['admin'])).rejects.toThrow(RangeError);
      await expect(keys.create('ok', [])).rejects.toThrow(RangeError);
      await expect(keys.create('ok', ['root' as never])).rejects.toThrow(RangeError);
      await expect(keys.seed('a b', 'some-long-key-0123456', ['admin'])).rejects.toThrow(RangeError);
      expect(await keys.list()).toEqual([]);
    });

    it('lists keys oldest first, with scopes de-duplicated', async () => {
      const { store: keys } = await fresh();
      await keys.create('first', ['orders:read', 'orders:read', 'contacts']);
      await new Promise((resolve) => setTimeout(resolve, 2));
      await keys.create('second', ['admin']);
      expect(await keys.list()).toEqual([
        { name: 'first', scopes: ['orders:read', 'contacts'], createdAt: expect.any(String), revokedAt: null },
        { name: 'second', scopes: ['admin'], createdAt: expect.any(String), revokedAt: null },
      ]);
    });

    it('seeds a given key: created, unchanged, then updated (new key, un-revoked; new scopes)', async () => {
      const { store: keys } = await fresh();
      expect(await keys.seed('admin', 'first-admin-key-0123', ['admin'])).toBe('created');
      expect(await keys.seed('admin', 'first-admin-key-0123', ['admin'])).toBe('unchanged');
      await keys.revoke('admin');
      expect(await keys.seed('admin', 'second-admin-key-0123', ['admin'])).toBe('updated');
      expect(await keys.findValidByHash(hashApiKey('first-admin-key-0123'))).toBeNull();
      expect(await keys.findValidByHash(hashApiKey('second-admin-key-0123'))).toMatchObject({ name: 'admin', scopes: ['admin'] });
      expect(await keys.seed('admin', 'second-admin-key-0123', ['orders:read'])).toBe('updated');
      expect(await keys.findValidByHash(hashApiKey('second-admin-key-0123'))).toMatchObject({ scopes: ['orders:read'] });
    });

    it('creates a first key only when the store is empty', async () => {
      const { store: keys } = await fresh();
      const first = await keys.createIfEmpty('admin', ['admin']);
      expect(first?.key).toEqual(expect.any(String));
      expect(await keys.findValidByHash(hashApiKey(first!.key))).toMatchObject({ name: 'admin', scopes: ['admin'] });
      expect(await keys.createIfEmpty('admin', ['admin'])).toBeNull();
      await keys.revoke('admin');
      expect(await keys.createIfEmpty('admin', ['admin'])).toBeNull();
    });

    it('a store holding only another key is not empty', async () => {
      const { store: keys } = await fresh();
      await keys.create('webshop', ['orders:write']);
      expect(await keys.createIfEmpty('admin', ['admin'])).toBeNull();
      expect((await keys.list()).map((k) => k.name)).toEqual(['webshop']);
    });

    it('two instances starting at once on an empty store create one admin key', async () => {
      const { store, another } = await fresh();
      const others = [store, await another(), await another()];
      const created = await Promise.all(others.map((keys) => keys.createIfEmpty('admin', ['admin'])));
      expect(created.filter((c) => c !== null)).toHaveLength(1);
      const winner = created.find((c) => c !== null)!;
      expect((await store.list()).map((k) => k.name)).toEqual(['admin']);
      expect(await store.findValidByHash(hashApiKey(winner.key))).toMatchObject({ name: 'admin' });
    });

    it('two instances seeding ADMIN_API_KEY at once: one creates, the other finds it unchanged', async () => {
      const { store, another } = await fresh();
      const other = await another();
      const outcomes = await Promise.all([
        store.seed('admin', 'shared-admin-key-0123', ['admin']),
        other.seed('admin', 'shared-admin-key-0123', ['admin']),
      ]);
      expect(outcomes.sort()).toEqual(['created', 'unchanged']);
      expect(await store.findValidByHash(hashApiKey('shared-admin-key-0123'))).toMatchObject({ name: 'admin' });
    });

    it('a key created or revoked through another connection (the CLI) takes effect at once', async () => {
      const { store: service, another } = await fresh();
      const cli = await another();
      const { key } = await cli.create('webshop', ['orders:read', 'orders:write']);
      expect(await service.findValidByHash(hashApiKey(key))).toMatchObject({ name: 'webshop' });
      await cli.revoke('webshop');
      expect(await service.findValidByHash(hashApiKey(key))).toBeNull();
      await expect(service.create('webshop', ['orders:read'])).rejects.toBeInstanceOf(ApiKeyNameTakenError);
    });
  });
}
