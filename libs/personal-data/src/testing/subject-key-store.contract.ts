import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubjectKeyStore } from '../subject-key-store.port';

export interface SubjectKeyStoreFixture {
  store: SubjectKeyStore;
  /** the same data set opened by another instance (or process) */
  another(): Promise<SubjectKeyStore>;
  cleanup(): Promise<void>;
}

/** One behaviour for every adapter (SQLite file, MongoDB collection). */
export function describeSubjectKeyStoreContract(name: string, open: () => Promise<SubjectKeyStoreFixture>): void {
  describe(`SubjectKeyStore contract: ${name}`, () => {
    let fixture: SubjectKeyStoreFixture;
    beforeEach(async () => {
      fixture = await open();
      await fixture.store.prepare();
    });
    afterEach(async () => fixture.cleanup());

    it('gives one subject per lookup, with a 32-byte key, the same from another instance', async () => {
      const first = await fixture.store.subjectFor('lookup-a');
      expect(first.key).toHaveLength(32);
      expect(await fixture.store.subjectFor('lookup-a')).toEqual(first);
      const other = await fixture.another();
      expect(await other.subjectFor('lookup-a')).toEqual(first);
      const second = await fixture.store.subjectFor('lookup-b');
      expect(second.id).not.toBe(first.id);
      expect(second.key.equals(first.key)).toBe(false);
      expect(await other.keyOf(second.id)).toEqual(second.key);
    });

    it('creates a new lookup once when two instances ask at the same time', async () => {
      const other = await fixture.another();
      const [a, b] = await Promise.all([fixture.store.subjectFor('lookup-race'), other.subjectFor('lookup-race')]);
      expect(a).toEqual(b);
    });

    it('keeps one lookup secret of 32 bytes', async () => {
      const secret = await fixture.store.lookupSecret();
      expect(secret).toHaveLength(32);
      expect(await (await fixture.another()).lookupSecret()).toEqual(secret);
    });

    it('erasing destroys the key, forgets the lookup (a new subject next time) and leaves other subjects alone', async () => {
      const erased = await fixture.store.subjectFor('lookup-gone');
      const kept = await fixture.store.subjectFor('lookup-kept');
      expect(await fixture.store.erase(['lookup-gone', 'lookup-unknown'], '2026-12-05T08:00:00.000Z')).toEqual([erased.id]);
      expect(await fixture.store.keyOf(erased.id)).toBeNull();
      expect(await (await fixture.another()).keyOf(erased.id)).toBeNull();
      expect(await fixture.store.keyOf(kept.id)).toEqual(kept.key);
      const again = await fixture.store.subjectFor('lookup-gone');
      expect(again.id).not.toBe(erased.id);
      expect(again.key.equals(erased.key)).toBe(false);
      expect(await fixture.store.erase(['lookup-gone'], '2026-12-05T08:00:01.000Z')).toEqual([again.id]);
    });

    it('knows no key for an unknown subject', async () => {
      expect(await fixture.store.keyOf('no-such-subject')).toBeNull();
    });
  });
}
