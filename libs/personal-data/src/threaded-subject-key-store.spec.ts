import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { isStorageFault } from '@orders/event-store';
import { SqliteSubjectKeyReader, SqliteSubjectKeyStore, SUBJECT_KEYS_FILE } from './sqlite/sqlite-subject-key-store';
import { serveSubjectKeys, type SubjectKeyServer } from './sqlite/subject-key-server';
import type { SubjectKeyStore } from './subject-key-store.port';
import { describeSubjectKeyStoreContract } from './testing/subject-key-store.contract';
import { ThreadedSubjectKeyStore } from './threaded-subject-key-store';

// The server runs on this thread here, at the other end of a MessageChannel: the protocol, the batching
// and the durability are the same as on the append worker (libs/backend threads.spec.ts runs it there).
const servers: SubjectKeyServer[] = [];
const serve = (file: string) => (): MessagePort => {
  const { port1, port2 } = new MessageChannel();
  servers.push(serveSubjectKeys(port2, file));
  return port1;
};

describeSubjectKeyStoreContract('sqlite over a message port (ThreadedSubjectKeyStore)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subject-keys-threaded-'));
  const file = join(dir, SUBJECT_KEYS_FILE);
  const stores: SubjectKeyStore[] = [new ThreadedSubjectKeyStore(serve(file))];
  return {
    store: stores[0]!,
    another: async () => {
      const other = new ThreadedSubjectKeyStore(serve(file));
      stores.push(other);
      return other;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

/** A store whose known subjects and keys are read on this thread, as the embedded backend builds it. */
const withReader = async (file: string, connect = serve(file)): Promise<ThreadedSubjectKeyStore> => {
  await SqliteSubjectKeyStore.open(file).close(); // the file and its schema, before the read-only connection
  return new ThreadedSubjectKeyStore(connect, SqliteSubjectKeyReader.open(file));
};

describeSubjectKeyStoreContract('sqlite over a message port, known subjects read on this thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subject-keys-threaded-'));
  const file = join(dir, SUBJECT_KEYS_FILE);
  const stores: SubjectKeyStore[] = [await withReader(file)];
  return {
    store: stores[0]!,
    another: async () => {
      const other = await withReader(file);
      stores.push(other);
      return other;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('ThreadedSubjectKeyStore', () => {
  const dirs: string[] = [];
  const stores: SubjectKeyStore[] = [];
  const keyFile = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'subject-keys-threaded-'));
    dirs.push(dir);
    return join(dir, SUBJECT_KEYS_FILE);
  };
  const track = <T extends SubjectKeyStore>(store: T): T => {
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    servers.splice(0).forEach((server) => server.close());
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('creates the new subjects of one turn in one transaction: one id per lookup, the same on repeat, committed before it answers', async () => {
    const file = keyFile();
    const store = track(new ThreadedSubjectKeyStore(serve(file)));
    const lookups = Array.from({ length: 50 }, (_, i) => `lookup-${i}`);
    const subjects = await Promise.all([...lookups, 'lookup-7', 'lookup-7'].map((lookup) => store.subjectFor(lookup)));
    expect(subjects).toHaveLength(52);
    expect(new Set(subjects.map((subject) => subject.id)).size).toBe(50);
    expect(subjects[50]).toEqual(subjects[7]);
    expect(subjects[51]).toEqual(subjects[7]);
    expect(subjects.every((subject) => Buffer.isBuffer(subject.key) && subject.key.length === 32)).toBe(true);
    expect(await store.stats()).toEqual({ commits: 1, created: 50 });
    // committed: another connection to the file finds every key
    const reader = track(SqliteSubjectKeyStore.open(file));
    for (const subject of subjects) expect(await reader.keyOf(subject.id)).toEqual(subject.key);
    // asked again: the same subjects, and no write
    expect(await Promise.all(lookups.map((lookup) => store.subjectFor(lookup)))).toEqual(subjects.slice(0, 50));
    expect(await store.stats()).toEqual({ commits: 1, created: 50 });
    expect(store.connections).toBe(1);
  });

  it('erases over the thread: the key destroyed, the lookup forgotten, no byte of the key left in the files', async () => {
    const file = keyFile();
    const store = track(new ThreadedSubjectKeyStore(serve(file)));
    const subjects = await Promise.all(Array.from({ length: 20 }, (_, i) => store.subjectFor(`lookup-${i}`)));
    const gone = subjects[7]!;
    expect(await store.erase(['lookup-7', 'lookup-unknown'], '2026-12-05T08:00:00.000Z')).toEqual([gone.id]);
    expect(await store.keyOf(gone.id)).toBeNull();
    expect(await store.keyOf(subjects[8]!.id)).toEqual(subjects[8]!.key);
    const dir = join(file, '..');
    const files = () => readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    expect(files().some((bytes) => bytes.includes(subjects[8]!.key))).toBe(true); // the search finds a live key
    expect(files().some((bytes) => bytes.includes(gone.key))).toBe(false);
    expect((await store.subjectFor('lookup-7')).id).not.toBe(gone.id);
  });

  it('keeps the order of the calls of one turn: an erase between two lookups of the same subject', async () => {
    const store = track(new ThreadedSubjectKeyStore(serve(keyFile())));
    const first = await store.subjectFor('lookup-a');
    const [before, erased, after] = await Promise.all([
      store.subjectFor('lookup-a'),
      store.erase(['lookup-a'], '2026-12-05T08:00:00.000Z'),
      store.subjectFor('lookup-a'),
    ]);
    expect(before).toEqual(first);
    expect(erased).toEqual([first.id]);
    expect(after.id).not.toBe(first.id);
  });

  it('fails the calls in flight when the thread behind the channel stops (a storage fault, not a hang); the next call connects again', async () => {
    const file = keyFile();
    let dying: MessagePort | undefined;
    let calls = 0;
    const store = track(
      new ThreadedSubjectKeyStore(() => {
        if (++calls > 1) return serve(file)();
        // a thread that takes the calls and dies before it answers
        const { port1, port2 } = new MessageChannel();
        dying = port2;
        port2.on('message', () => setImmediate(() => port2.close()));
        return port1;
      }),
    );
    const inFlight = Promise.all([store.subjectFor('lookup-a'), store.subjectFor('lookup-b')]).catch((error: unknown) => error);
    const error = await inFlight;
    expect(dying).toBeDefined();
    expect(isStorageFault(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable', store: 'subject-keys', message: expect.stringMatching(/thread stopped/) });
    const next = await store.subjectFor('lookup-a');
    expect(next.key).toHaveLength(32);
    expect(store.connections).toBe(2);
  });

  it('fails a call it cannot connect for, and connects for the next one', async () => {
    const file = keyFile();
    let calls = 0;
    const store = track(
      new ThreadedSubjectKeyStore(() => {
        if (++calls === 1) throw new Error('event store is closed');
        return serve(file)();
      }),
    );
    await expect(store.subjectFor('lookup-a')).rejects.toMatchObject({ name: 'StorageFaultError', kind: 'unavailable' });
    expect((await store.subjectFor('lookup-a')).key).toHaveLength(32);
  });

  it("answers with the server's error as the in-thread store throws it: a key file that cannot be opened is a storage fault", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subject-keys-threaded-'));
    dirs.push(dir);
    const store = track(new ThreadedSubjectKeyStore(serve(dir))); // a directory, not a file
    const error = await store.subjectFor('lookup-a').catch((failure: unknown) => failure);
    expect(isStorageFault(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable', store: 'subject-keys' });
    await expect(store.prepare()).rejects.toMatchObject({ name: 'StorageFaultError' });
  });

  it('with a reader, answers a known subject and its key without the server; a new subject still needs it', async () => {
    const file = keyFile();
    let connections = 0;
    let server: MessagePort | undefined;
    const store = track(
      await withReader(file, () => {
        if (++connections > 1) throw new Error('no second server');
        server = serve(file)();
        return server;
      }),
    );
    const known = await store.subjectFor('lookup-known'); // created by the server
    expect(await store.stats()).toEqual({ commits: 1, created: 1 });
    servers.splice(0).forEach((running) => running.close()); // the server is gone, and no other can be had
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await store.subjectFor('lookup-known')).toEqual(known);
    expect(await store.keyOf(known.id)).toEqual(known.key);
    expect(await store.keyOf('no-such-subject')).toBeNull();
    await expect(store.subjectFor('lookup-new')).rejects.toMatchObject({ name: 'StorageFaultError', kind: 'unavailable' });
    expect(server).toBeDefined();
  });

  it('with a reader, keeps the order of an erase and the lookups after it, and sees the erasure once committed', async () => {
    const store = track(await withReader(keyFile()));
    const first = await store.subjectFor('lookup-a');
    const [erased, after] = await Promise.all([store.erase(['lookup-a'], '2026-12-05T08:00:00.000Z'), store.subjectFor('lookup-a')]);
    expect(erased).toEqual([first.id]);
    expect(after.id).not.toBe(first.id); // not the erased subject the reader would have found before the erase ran
    expect(await store.keyOf(first.id)).toBeNull();
    expect(await store.subjectFor('lookup-a')).toEqual(after);
  });

  it('peeks at once with a reader: a known subject and its key, nothing for a new subject or while an erasure is in flight', async () => {
    const store = track(await withReader(keyFile()));
    expect(store.peekSubject('lookup-a')).toBeUndefined(); // not created yet
    const subject = await store.subjectFor('lookup-a');
    expect(store.peekSubject('lookup-a')).toEqual(subject);
    expect(store.peekKey(subject.id)).toEqual(subject.key);
    expect(store.peekKey('no-such-subject')).toBeNull();
    const erasing = store.erase(['lookup-a'], '2026-12-07T06:00:00.000Z');
    expect(store.peekSubject('lookup-a')).toBeUndefined(); // the erasure is not committed: the server answers
    expect(store.peekKey(subject.id)).toBeUndefined();
    await erasing;
    expect(store.peekSubject('lookup-a')).toBeUndefined();
    expect(store.peekKey(subject.id)).toBeNull();
    const without = track(new ThreadedSubjectKeyStore(serve(keyFile())));
    await without.subjectFor('lookup-a');
    expect(without.peekSubject('lookup-a')).toBeUndefined(); // no reader: every answer comes from the server
  });

  it('falls back to the server when a read fails', async () => {
    const file = keyFile();
    const failing = {
      liveSubject: (): never => {
        throw new Error('disk I/O error');
      },
      keyOf: (): never => {
        throw new Error('disk I/O error');
      },
      erasures: (): never => {
        throw new Error('disk I/O error');
      },
      close: () => undefined,
    };
    const store = track(new ThreadedSubjectKeyStore(serve(file), failing));
    const subject = await store.subjectFor('lookup-a');
    expect(await store.subjectFor('lookup-a')).toEqual(subject);
    expect(await store.keyOf(subject.id)).toEqual(subject.key);
    expect(store.peekErasures()).toBeUndefined();
  });

  it('close() answers the calls already made, then later calls fail', async () => {
    const file = keyFile();
    const store = new ThreadedSubjectKeyStore(serve(file));
    await store.prepare();
    const pending = store.subjectFor('lookup-late');
    await store.close();
    const subject = await pending;
    await expect(store.subjectFor('lookup-other')).rejects.toThrow(/closed/);
    const reader = track(SqliteSubjectKeyStore.open(file));
    expect(await reader.keyOf(subject.id)).toEqual(subject.key);
  });
});
