import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_KEYS_FILE, hashApiKey, SqliteApiKeyStore } from '@orders/api-keys';
import { MongoApiKeyStore } from '@orders/api-keys/mongo';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
    expect(await run('create', '--name', 'pos', '--scopes', 'orders:read,root')).toMatchObject({
      code: 1,
      err: expect.stringContaining('root'),
    });
    expect(await run('create', '--name', 'pos', '--scopes', 'orders:read')).toMatchObject({ code: 0 });
    expect(await run('create', '--name', 'pos', '--scopes', 'orders:read')).toMatchObject({
      code: 1,
      err: expect.stringContaining('exists already'),
    });
    expect(await run('revoke', 'nobody')).toMatchObject({ code: 1 });
  });

  it('refuses a DATA_DIR that does not exist (a typo) instead of making a key file the service never reads', async () => {
    const typo = join(dataDir, 'typo');
    process.env.DATA_DIR = typo;
    try {
      const created = await run('create', '--name', 'lost', '--scopes', 'admin');
      expect(created).toMatchObject({ code: 1, err: expect.stringContaining(`no data directory at ${typo} (DATA_DIR)`) });
      expect(existsSync(typo)).toBe(false);
      expect((await run('list')).code).toBe(1);
    } finally {
      process.env.DATA_DIR = dataDir;
    }
  });
});

describe('orders-cli keys on the distributed backend (EVENTSTORE_URL + MONGODB_URL)', () => {
  const urls = { EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false', MONGODB_URL: 'mongodb://user:secret@127.0.0.1:9/orders' };
  const saved = { EVENTSTORE_URL: process.env.EVENTSTORE_URL, MONGODB_URL: process.env.MONGODB_URL };
  const setEnv = (values: Partial<typeof urls>) => {
    for (const name of ['EVENTSTORE_URL', 'MONGODB_URL'] as const) {
      if (values[name] === undefined) delete process.env[name];
      else process.env[name] = values[name];
    }
  };
  afterEach(() => {
    setEnv(saved);
    vi.restoreAllMocks();
  });

  it('uses the MongoDB key store (here on the in-memory fake), not the key file', async () => {
    setEnv(urls);
    const db = new FakeMongoDb().asDb();
    const connect = vi.spyOn(MongoApiKeyStore, 'connect').mockImplementation(async () => new MongoApiKeyStore(db));
    const created = await run('create', '--name', 'mongo-shop', '--scopes', 'orders:read');
    expect(created.code).toBe(0);
    expect(connect).toHaveBeenCalledWith(urls.MONGODB_URL, expect.anything());
    const key = /^(ok_[\w-]{43})$/m.exec(created.out)?.[1];
    expect(await new MongoApiKeyStore(db).findValidByHash(hashApiKey(key!))).toMatchObject({ name: 'mongo-shop' });
    expect((await run('list')).out).toMatch(/mongo-shop\s+orders:read\s+\S+\s+valid/);
    expect(await run('revoke', 'mongo-shop')).toMatchObject({ code: 0 });
    expect(await new MongoApiKeyStore(db).findValidByHash(hashApiKey(key!))).toBeNull();
    const file = SqliteApiKeyStore.open(join(dataDir, API_KEYS_FILE));
    expect((await file.list()).map((k) => k.name)).not.toContain('mongo-shop');
    await file.close();
  });

  it('an unreachable server is an error naming MONGODB_URL (password hidden); one URL without the other is exit code 2', async () => {
    setEnv(urls);
    vi.spyOn(MongoApiKeyStore, 'connect').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:9'));
    const down = await run('list');
    expect(down.code).toBe(1);
    expect(down.err).toMatch(
      /^error: MONGODB_URL: MongoDB did not answer at mongodb:\/\/user:\*\*\*@127\.0\.0\.1:9\/orders .*ECONNREFUSED/,
    );
    setEnv({ MONGODB_URL: urls.MONGODB_URL });
    expect(await run('list')).toMatchObject({ code: 2, err: expect.stringContaining('EVENTSTORE_URL') });
  });
});
