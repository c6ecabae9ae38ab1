import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSubjectKeyStoreContract } from '../testing/subject-key-store.contract';
import type { SubjectKeyStore } from '../subject-key-store.port';
import Database from 'better-sqlite3';
import { SqliteSubjectKeyReader, SqliteSubjectKeyStore, SUBJECT_KEYS_FILE } from './sqlite-subject-key-store';

describeSubjectKeyStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subject-keys-'));
  const stores: SubjectKeyStore[] = [SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE))];
  return {
    store: stores[0]!,
    another: async () => {
      const other = SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE));
      stores.push(other);
      return other;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteSubjectKeyStore', () => {
  it('counts the erasures committed to the file, by any connection, for every reader of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subject-keys-'));
    const file = join(dir, SUBJECT_KEYS_FILE);
    const one = SqliteSubjectKeyStore.open(file);
    const other = SqliteSubjectKeyStore.open(file);
    const reader = SqliteSubjectKeyReader.open(file);
    try {
      await one.subjectFor('lookup-a');
      expect([one.peekErasures!(), other.peekErasures!(), reader.erasures()]).toEqual([0, 0, 0]);

      await other.erase(['lookup-a'], '2026-12-07T08:00:00.000Z');
      await other.erase(['lookup-unknown'], '2026-12-07T08:00:01.000Z');

      expect([one.peekErasures!(), other.peekErasures!(), reader.erasures()]).toEqual([2, 2, 2]);
    } finally {
      reader.close();
      await other.close();
      await one.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a key file written by an earlier version gets the count when the writer opens it; a reader before that cannot say', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subject-keys-'));
    const file = join(dir, SUBJECT_KEYS_FILE);
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE subjects (id TEXT PRIMARY KEY, lookup TEXT UNIQUE, key BLOB, created_at TEXT NOT NULL, erased_at TEXT)');
    old.close();
    const reader = SqliteSubjectKeyReader.open(file);
    try {
      expect(() => reader.erasures()).toThrow(/no such table/);
      const store = SqliteSubjectKeyStore.open(file);
      await store.erase(['lookup-a'], '2026-12-07T08:00:00.000Z');
      expect(reader.erasures()).toBe(1);
      await store.close();
    } finally {
      reader.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no byte of a destroyed key in its files (secure_delete, WAL truncated)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subject-keys-'));
    const store = SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE));
    const subjects = await Promise.all(Array.from({ length: 20 }, (_, i) => store.subjectFor(`lookup-${i}`)));
    const gone = subjects[7]!;
    await store.erase(['lookup-7'], new Date().toISOString());
    const files = () => readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    expect(files().some((bytes) => bytes.includes(subjects[8]!.key))).toBe(true); // the search finds a live key
    expect(files().some((bytes) => bytes.includes(gone.key))).toBe(false);
    await store.close();
    expect(files().some((bytes) => bytes.includes(gone.key))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
