import { join } from 'node:path';
import { API_KEYS_FILE, hashApiKey, SqliteApiKeyStore } from '@orders/api-keys';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerKeysCommands } from '../apps/orders-cli/src/commands/keys.command';
import { newDataDir, removeDataDir } from './support/service-process';

let dataDir: string;
const previous = process.env.DATA_DIR;

beforeAll(() => {
  dataDir = newDataDir();
  process.env.DATA_DIR = dataDir;
});

afterAll(() => {
  if (previous === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previous;
  removeDataDir(dataDir);
});

/** Runs `keys …` as the CLI would and returns what it printed and the exit code. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
  registerKeysCommands(program);
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  process.exitCode = 0;
  try {
    await program.parseAsync(['keys', ...args], { from: 'user' });
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('orders-cli keys (DATA_DIR/keys.sqlite)', () => {
  it('create prints the key once; list shows names and scopes, never keys; revoke invalidates', async () => {
    const created = await run('create', '--name', 'webshop', '--scopes', 'orders:read,orders:write');
    expect(created.code).toBe(0);
    const key = /^(ok_[\w-]{43})$/m.exec(created.out)?.[1];
    expect(key, created.out).toBeDefined();

    const store = SqliteApiKeyStore.open(join(dataDir, API_KEYS_FILE));
    expect(await store.findValidByHash(hashApiKey(key!))).toMatchObject({ name: 'webshop', scopes: ['orders:read', 'orders:write'] });

    const listed = await run('list');
    expect(listed.out).toMatch(/webshop\s+orders:read,orders:write\s+\S+\s+valid/);
    expect(listed.out).not.toContain(key!);
    expect(JSON.parse((await run('list', '--json')).out)).toEqual([expect.objectContaining({ name: 'webshop', revokedAt: null })]);

    expect(await run('revoke', 'webshop')).toMatchObject({ code: 0 });
    expect(await store.findValidByHash(hashApiKey(key!))).toBeNull();
    expect((await run('list')).out).toMatch(/webshop.*revoked/);
    await store.close();
  });

  it('refuses unknown scopes, taken names and unknown keys with exit code 1', async () => {
    expect(await run('create', '--name', 'pos', '--scopes', 'orders:read,root')).toMatchObject({ code: 1, err: expect.stringContaining('root') });
    expect(await run('create', '--name', 'pos', '--scopes', 'orders:read')).toMatchObject({ code: 0 });
    expect(await run('create', '--name', 'pos', '--scopes', 'orders:read')).toMatchObject({ code: 1, err: expect.stringContaining('exists already') });
    expect(await run('revoke', 'nobody')).toMatchObject({ code: 1 });
  });
});
