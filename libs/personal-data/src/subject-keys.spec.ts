import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteSubjectKeyStore, SUBJECT_KEYS_FILE } from './sqlite/sqlite-subject-key-store';
import type { SubjectKeyStore } from './subject-key-store.port';
import { SubjectKeys } from './subject-keys';

const ANN = 'Email:ann@example.com';

describe('SubjectKeys: how long what it cached is used', () => {
  let dir: string;
  let here: SubjectKeyStore;
  let elsewhere: SubjectKeyStore;
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'subject-keys-cache-'));
    // two instances on one key file: this one caches, the other erases
    here = SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE));
    elsewhere = SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE));
    clock = 1_000_000;
  });
  afterEach(async () => {
    await here.close();
    await elsewhere.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses a subject and its key for ttl, reads them again after it, and so sees an erasure by another instance within ttl', async () => {
    const keys = new SubjectKeys(here, { now, ttlMs: 1_000 });
    const ann = await keys.subjectFor(ANN);
    const subjectReads = vi.spyOn(here, 'peekSubject');
    const keyReads = vi.spyOn(here, 'peekKey');

    clock += 1_000;
    expect(keys.knownSubject(ANN)).toEqual(ann);
    expect(keys.knownKey(ann.id)).toEqual(ann.key);
    expect(subjectReads).not.toHaveBeenCalled();
    expect(keyReads).not.toHaveBeenCalled();
    clock += 1; // more than a ttl old: read again, and found
    expect(keys.knownSubject(ANN)).toEqual(ann);
    expect(subjectReads).toHaveBeenCalledTimes(1);

    await new SubjectKeys(elsewhere).erase([ANN], '2026-12-07T08:00:00.000Z');
    clock += 1_000; // still within ttl of that read: the entry may still be used
    expect(keys.knownSubject(ANN)).toEqual(ann);
    clock += 1;
    expect(keys.knownSubject(ANN)).toBeUndefined(); // erased: no live subject (subjectFor would start a new one)
    expect(keys.knownKey(ann.id)).toBeNull();
    expect(await keys.keyOf(ann.id)).toBeNull();
  });

  it('drops everything it cached after its own erase, at once', async () => {
    const keys = new SubjectKeys(here, { now, ttlMs: 1_000 });
    const ann = await keys.subjectFor(ANN);
    await keys.erase([ANN], '2026-12-07T08:00:00.000Z');
    expect(keys.knownSubject(ANN)).toBeUndefined();
    expect(keys.knownKey(ann.id)).toBeNull();
  });
});
