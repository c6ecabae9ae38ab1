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
    vi.spyOn(here, 'peekErasures').mockReturnValue(undefined); // a store that cannot count its erasures
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

  describe('with a store that counts its erasures', () => {
    /** ann cached from a read begun after the first check of the count, so her entry can outlive its ttl */
    async function settled(keys: SubjectKeys) {
      await keys.subjectFor(ANN);
      clock += 1_001;
      keys.knownSubject(ANN); // past ttl: the count's first check (since now), and ann read again at that time
      clock += 1_001;
      return keys.knownSubject(ANN)!; // past ttl again: the count is the same, and this read began after the check
    }

    it('keeps using what it read past ttl while the count stays, reading only the count, once per ttl', async () => {
      const keys = new SubjectKeys(here, { now, ttlMs: 1_000 });
      const ann = await settled(keys);
      const subjectReads = vi.spyOn(here, 'peekSubject');
      const keyReads = vi.spyOn(here, 'peekKey');
      const countReads = vi.spyOn(here, 'peekErasures');

      for (let second = 0; second < 5; second++) {
        clock += 1_001;
        expect(keys.knownSubject(ANN)).toEqual(ann);
        expect(keys.knownKey(ann.id)).toEqual(ann.key);
        expect(keys.knownSubject(ANN)).toEqual(ann);
      }

      expect(subjectReads).not.toHaveBeenCalled();
      expect(keyReads).not.toHaveBeenCalled();
      expect(countReads).toHaveBeenCalledTimes(5);
    });

    it('an erasure by another instance is seen within ttl of it: the count changed, so nothing read before is kept', async () => {
      const keys = new SubjectKeys(here, { now, ttlMs: 1_000 });
      const ann = await settled(keys);
      clock += 5_000;
      expect(keys.knownSubject(ANN)).toEqual(ann); // kept past its ttl: no erasure yet

      await new SubjectKeys(elsewhere).erase([ANN], '2026-12-07T08:00:00.000Z');
      clock += 1_000; // within ttl of the last check: still used, as with a plain ttl
      expect(keys.knownSubject(ANN)).toEqual(ann);
      clock += 1; // the next check sees the count move
      expect(keys.knownSubject(ANN)).toBeUndefined();
      expect(keys.knownKey(ann.id)).toBeNull();
    });

    it('a value read before a check that saw the count move is not kept past its own ttl', async () => {
      const keys = new SubjectKeys(here, { now, ttlMs: 1_000 });
      await settled(keys);
      const bob = await keys.subjectFor('Email:bob@example.com'); // read before the erasure below
      await new SubjectKeys(elsewhere).erase([ANN], '2026-12-07T08:00:00.000Z');
      clock += 1_001;
      expect(keys.knownSubject(ANN)).toBeUndefined(); // this check sees the erasure
      const bobReads = vi.spyOn(here, 'peekSubject');

      expect(keys.knownSubject('Email:bob@example.com')).toEqual(bob);
      expect(bobReads).toHaveBeenCalledTimes(1); // read again: bob's entry predates the check that saw the change
    });

    it('a destroyed key (null) is never kept past its ttl', async () => {
      const keys = new SubjectKeys(here, { now, ttlMs: 1_000 });
      await settled(keys);
      clock += 1;
      expect(keys.knownKey('no-such-subject')).toBeNull();
      const keyReads = vi.spyOn(here, 'peekKey');

      clock += 1_001;
      expect(keys.knownKey('no-such-subject')).toBeNull();
      expect(keyReads).toHaveBeenCalledTimes(1);
    });
  });
});
