import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../api-key';
import { ApiKeyNameTakenError } from '../api-key-store.port';
import { SqliteApiKeyStore } from './sqlite-api-key-store';

const open: SqliteApiKeyStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const store = (file = ':memory:') => {
  const opened = SqliteApiKeyStore.open(file);
  open.push(opened);
  return opened;
};

describe('SqliteApiKeyStore', () => {
  it('creates a random key, stores only its hash, and finds it by hash', async () => {
    const keys = store();
    const { key, record } = await keys.create('shop', ['orders:write']);
    expect(key).toMatch(/^ok_[\w-]{43}$/);
    expect(record).toMatchObject({ name: 'shop', scopes: ['orders:write'], revokedAt: null });
    expect(await keys.findValidByHash(hashApiKey(key))).toMatchObject({ name: 'shop' });
    expect(await keys.findValidByHash(hashApiKey(`${key}x`))).toBeNull();
    expect(JSON.stringify(await keys.list())).not.toContain(key);
  });

  it('never reuses a name, not even of a revoked key', async () => {
    const keys = store();
    const { key } = await keys.create('pos', ['orders:read']);
    await expect(keys.create('pos', ['orders:read'])).rejects.toBeInstanceOf(ApiKeyNameTakenError);
    expect(await keys.revoke('pos')).toBe(true);
    expect(await keys.revoke('pos')).toBe(false);
    expect(await keys.findValidByHash(hashApiKey(key))).toBeNull();
    await expect(keys.create('pos', ['orders:read'])).rejects.toBeInstanceOf(ApiKeyNameTakenError);
    expect((await keys.list())[0]!.revokedAt).toEqual(expect.any(String));
  });

  it('rejects bad names and scopes', async () => {
    const keys = store();
    await expect(keys.create('', ['admin'])).rejects.toThrow(RangeError);
    await expect(keys.create('a b', ['admin'])).rejects.toThrow(RangeError);
    await expect(keys.create('ok', [])).rejects.toThrow(RangeError);
    await expect(keys.create('ok', ['root' as never])).rejects.toThrow(RangeError);
  });

  it('seeds a given key: created, unchanged, then updated (new key, un-revoked)', async () => {
    const keys = store();
    expect(await keys.seed('admin', 'first-admin-key-0123', ['admin'])).toBe('created');
    expect(await keys.seed('admin', 'first-admin-key-0123', ['admin'])).toBe('unchanged');
    await keys.revoke('admin');
    expect(await keys.seed('admin', 'second-admin-key-0123', ['admin'])).toBe('updated');
    expect(await keys.findValidByHash(hashApiKey('first-admin-key-0123'))).toBeNull();
    expect(await keys.findValidByHash(hashApiKey('second-admin-key-0123'))).toMatchObject({ name: 'admin', scopes: ['admin'] });
  });

  it('creates a first key only when the store is empty', async () => {
    const keys = store();
    const first = await keys.createIfEmpty('admin', ['admin']);
    expect(first?.key).toEqual(expect.any(String));
    expect(await keys.createIfEmpty('admin', ['admin'])).toBeNull();
    await keys.revoke('admin');
    expect(await keys.createIfEmpty('admin', ['admin'])).toBeNull();
  });

  it('a revocation made through another connection (the CLI) takes effect at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    dirs.push(dir);
    const service = store(join(dir, 'keys.sqlite'));
    const cli = store(join(dir, 'keys.sqlite'));
    const { key } = await cli.create('webshop', ['orders:read', 'orders:write']);
    expect(await service.findValidByHash(hashApiKey(key))).toMatchObject({ name: 'webshop' });
    await cli.revoke('webshop');
    expect(await service.findValidByHash(hashApiKey(key))).toBeNull();
  });
});
