import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSubjectKeyStoreContract } from '../testing/subject-key-store.contract';
import type { SubjectKeyStore } from '../subject-key-store.port';
import { SqliteSubjectKeyStore, SUBJECT_KEYS_FILE } from './sqlite-subject-key-store';

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
