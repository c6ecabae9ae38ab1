import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { FailureBackoff } from './failure-backoff';
import { esdbFaultKind, mongoFaultKind, sqliteFaultKind, StorageFaultError, toStorageFault, withStorageFaults } from './storage-fault';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** the error a real SQLite call throws */
function sqliteError(run: (db: Database.Database) => void, readonly = false): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'storage-fault-'));
  dirs.push(dir);
  const file = join(dir, 'x.sqlite');
  new Database(file).exec('CREATE TABLE t (id TEXT PRIMARY KEY)').close();
  const db = new Database(file, { readonly });
  try {
    run(db);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('no error');
}

describe('storage fault classification', () => {
  it('knows SQLite read-only, I/O and cannot-open errors as unavailable, SQLITE_FULL as full, and leaves the rest alone', () => {
    const readonly = sqliteError((db) => db.exec("INSERT INTO t VALUES ('a')"), true);
    expect(readonly).toMatchObject({ code: 'SQLITE_READONLY' });
    expect(sqliteFaultKind(readonly)).toBe('unavailable');
    expect(sqliteFaultKind(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' }))).toBe('full');
    expect(sqliteFaultKind(Object.assign(new Error('io'), { code: 'SQLITE_IOERR_FSYNC' }))).toBe('unavailable');
    expect(sqliteFaultKind(Object.assign(new Error('open'), { code: 'SQLITE_CANTOPEN' }))).toBe('unavailable');

    const unique = sqliteError((db) => db.exec("INSERT INTO t VALUES ('a'); INSERT INTO t VALUES ('a')"));
    expect(sqliteFaultKind(unique)).toBeUndefined();
    expect(sqliteFaultKind(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }))).toBeUndefined(); // 503 STORE_BUSY, as before
    expect(sqliteFaultKind(new TypeError('The database connection is not open'))).toBeUndefined();
  });

  it('knows the MongoDB driver’s unreachable-server errors and EventStoreDB’s unavailable/deadline errors', () => {
    expect(mongoFaultKind(new MongoNetworkError('connection reset'))).toBe('unavailable');
    expect(mongoFaultKind(new MongoServerSelectionError('no server', { type: 'Unknown', servers: new Map() } as never))).toBe(
      'unavailable',
    );
    expect(mongoFaultKind(Object.assign(new Error('out of disk'), { code: 14031 }))).toBe('full');
    expect(mongoFaultKind(Object.assign(new Error('dup'), { code: 11000 }))).toBeUndefined();
    expect(esdbFaultKind(Object.assign(new Error('down'), { type: 'unavailable' }))).toBe('unavailable');
    expect(esdbFaultKind(Object.assign(new Error('conflict'), { type: 'wrong-expected-version' }))).toBeUndefined();
  });

  it('wraps an adapter: throws and rejections that are faults become StorageFaultError, the rest pass unchanged', async () => {
    class Adapter {
      readonly name = 'adapter';
      fails = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      write(): void {
        throw this.fails;
      }
      async writeLater(): Promise<string> {
        throw this.fails;
      }
      async read(): Promise<string> {
        return this.name;
      }
    }
    const adapter = withStorageFaults(new Adapter(), 'events', sqliteFaultKind);

    expect(adapter).toBeInstanceOf(Adapter);
    expect(adapter.name).toBe('adapter');
    expect(await adapter.read()).toBe('adapter');
    const read = adapter.read.bind(adapter);
    adapter.read = async () => `spied ${await read()}`; // a method replaced later is the one called
    expect(await adapter.read()).toBe('spied adapter');
    expect(() => adapter.write()).toThrow(StorageFaultError);
    const rejected = await adapter.writeLater().catch((error: unknown) => error);
    expect(rejected).toMatchObject({ kind: 'full', store: 'events', message: 'events store is full: database or disk is full' });
    expect((rejected as Error).cause).toBe(adapter.fails);

    adapter.fails = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    await expect(adapter.writeLater()).rejects.toBe(adapter.fails);
    const fault = new StorageFaultError('unavailable', 'automations', 'gone');
    expect(toStorageFault(fault, 'events', sqliteFaultKind)).toBe(fault);
  });
});

describe('FailureBackoff', () => {
  it('doubles the delay up to the cap, reports the start and the end of a streak once each', () => {
    const seen: string[] = [];
    const backoff = new FailureBackoff({
      initialDelayMs: 100,
      maxDelayMs: 1000,
      onFailing: (error) => seen.push(`failing ${String(error)}`),
      onRecovered: (failures, since) => seen.push(`recovered after ${failures} since ${since}`),
    });
    backoff.succeeded();
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff.failed(`e${n}`, 42))).toStrictEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoff.failing).toStrictEqual({ since: 42, failures: 6, error: 'e6' });
    backoff.succeeded();
    backoff.succeeded();
    expect(backoff.failing).toBeNull();
    expect(backoff.failed('again')).toBe(100);
    expect(seen).toStrictEqual(['failing e1', 'recovered after 6 since 42', 'failing again']);
  });
});
