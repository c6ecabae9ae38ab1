import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { orderStreamId } from '@orders/domain';
import { CommitSignal, isStorageFault, SqliteEventStore, WrongExpectedVersionError } from '@orders/event-store';
import { describeEventStoreContract, newEvents } from '@orders/event-store/testing';
import { SqliteSubjectKeyStore, SUBJECT_KEYS_FILE, ThreadedSubjectKeyStore } from '@orders/personal-data';
import { SqliteReadModels } from '@orders/read-models';
import { testOrder } from '@orders/read-models/testing/read-model-log';
import { openBackend } from '../backend';
import type { Backend } from '../backend.port';
import { startWorker } from './launch';
import { ProjectorThread } from './projector-thread';

const dirs: string[] = [];
const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'threads-'));
  dirs.push(dir);
  return dir;
};
const backends: Backend[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const threaded = (dir = newDir()): Backend => {
  const backend = openBackend({ dataDir: dir }, () => undefined, undefined, { threads: true });
  backends.push(backend);
  return backend;
};

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// the port's whole contract, with the group commit on a worker thread
describeEventStoreContract('sqlite, appends on a worker thread', async () => {
  const dir = newDir();
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), appendWorker: (options) => startWorker('append', options) });
  return { store, cleanup: () => store.close() };
});

describe('embedded backend on worker threads', () => {
  it('commits on the append worker and projects on the projector worker; a job completes when the checkpoint passes it', async () => {
    const dir = newDir();
    const backend = threaded(dir);
    const faults: unknown[] = [];
    const projector = backend.projector({ onFailing: (error) => faults.push(error) });
    await backend.runExclusive('projector', projector);
    const order = testOrder('t-1', 'c-1');
    const registered = { id: crypto.randomUUID(), type: 'OrderRegistered', data: { order } };
    const { position } = await backend.orderEvents.appendToStream(orderStreamId('t-1'), [registered], { expectedRevision: 'no_stream' });
    expect(position).toBe(1);
    await until(async () => (await backend.readModels.checkpoint()) >= position);
    expect((await backend.readModels.getOrder('t-1'))?.contactId).toBe('c-1');
    expect(faults).toEqual([]);
    // the conflict comes back from the worker as the same error class, fields included
    const conflict = await backend.orderEvents
      .appendToStream(orderStreamId('t-1'), [registered, { ...registered, id: crypto.randomUUID() }], { expectedRevision: 'no_stream' })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect(conflict).toMatchObject({ streamId: orderStreamId('t-1'), actual: 0 });
  });

  // Linux only: elsewhere there is no /proc/thread-self to rename a thread through
  it.skipIf(!existsSync('/proc/thread-self/comm'))(
    'names the worker threads after their roles, as top -H and ps -L show them (Linux)',
    async () => {
      const names = (): string[] => readdirSync('/proc/self/task').map((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim());
      const processName = readFileSync('/proc/self/comm', 'utf8').trim();
      const backend = threaded();
      await backend.runExclusive('projector', backend.projector({}));
      await backend.orderEvents.appendToStream(
        orderStreamId('n-1'),
        [{ id: crypto.randomUUID(), type: 'OrderRegistered', data: { order: testOrder('n-1', 'c-1') } }],
        {
          expectedRevision: 'no_stream',
        },
      );
      await until(async () => names().includes('orders-proj'));
      expect(names()).toEqual(expect.arrayContaining(['orders-append', 'orders-proj']));
      expect(readFileSync('/proc/self/comm', 'utf8').trim()).toBe(processName); // this thread keeps the process's name
    },
  );

  it('wakes the projector worker through the commit signal the append worker publishes on, not through its poll or this thread', async () => {
    const dir = newDir();
    const signal = new CommitSignal();
    const eventsFile = join(dir, 'events.sqlite');
    const store = SqliteEventStore.open({
      file: eventsFile,
      appendWorker: (options) => startWorker('append', { ...options, commitSignal: signal.buffer }),
    });
    const readModelsFile = join(dir, 'read-models.sqlite');
    await SqliteReadModels.open(readModelsFile).close(); // the file and its schema, as the backend creates them before the worker
    await SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE)).close();
    const projector = new ProjectorThread(
      (options) => startWorker('projector', options),
      // a poll far beyond the test's patience: only the signal can wake the subscription
      { eventsFile, readModelsFile, subjectKeysFile: join(dir, SUBJECT_KEYS_FILE), commitSignal: signal.buffer, pollIntervalMs: 600_000 },
      {},
    );
    await projector.start();
    try {
      const readModels = SqliteReadModels.open(readModelsFile);
      const { position } = await store.appendToStream(orderStreamId('s-1'), [
        { id: crypto.randomUUID(), type: 'OrderRegistered', data: { order: testOrder('s-1', 'c-1') } },
      ]);
      expect(signal.current()).toBe(position); // published by the append worker
      await until(async () => (await readModels.checkpoint()) >= position);
      expect((await readModels.getOrder('s-1'))?.contactId).toBe('c-1');
      await readModels.close();
    } finally {
      await projector.stop();
      await store.close();
    }
  });

  it('still group-commits: 200 concurrent appends share a few transactions on the worker', async () => {
    const store = threaded().eventStore as SqliteEventStore;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.appendToStream(`g-${i}`, newEvents(2), { expectedRevision: 'no_stream' })),
    );
    expect(results.map((r) => r.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => 2 * i + 2));
    expect(store.stats()).toMatchObject({ appends: 200, events: 400 });
    expect(store.stats().flushes).toBeLessThanOrEqual(2); // one message from this turn: one batch (two if it arrived split)
  });

  it('a dead append worker fails its appends with a storage fault (503 STORE_UNAVAILABLE), and the next append starts another', async () => {
    const backend = threaded();
    const store = backend.eventStore as SqliteEventStore;
    await store.appendToStream('s-1', newEvents(1));
    const thread = store.appendThread!;
    const inFlight = store.appendToStream('s-2', newEvents(1));
    await thread.kill();
    const error = await inFlight.catch((failure: unknown) => failure);
    expect(isStorageFault(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable', store: 'events' });
    expect(error).toHaveProperty('message', expect.stringMatching(/append worker stopped/));
    const next = await store.appendToStream('s-3', newEvents(2));
    expect(next.nextExpectedRevision).toBe(1);
    expect(thread.starts).toBe(2);
  });

  it('an append worker that cannot open the file fails the append with the SQLite code classified (503), not a hang', async () => {
    const dir = newDir();
    // a stand-in for the worker: answers as runAppendWorker does when openDatabase throws, then ends
    const error = { name: 'SqliteError', message: 'unable to open database file', code: 'SQLITE_CANTOPEN' };
    const script = `require('node:worker_threads').parentPort.postMessage({ t: 'fatal', error: ${JSON.stringify(error)} })`;
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), appendWorker: () => new Worker(script, { eval: true }) });
    const failure = await store.appendToStream('s', newEvents(1)).catch((e: unknown) => e);
    expect(isStorageFault(failure)).toBe(true);
    expect(failure).toMatchObject({ kind: 'unavailable', store: 'events', message: expect.stringContaining('unable to open') });
    await store.close();
  });

  it('a dead projector worker is reported through onFailing and started again; projecting goes on', async () => {
    const backend = threaded();
    const failing: unknown[] = [];
    let recovered = 0;
    const projector = backend.projector({ onFailing: (error) => failing.push(error), onRecovered: () => recovered++ }) as ProjectorThread;
    await backend.runExclusive('projector', projector);
    await projector.kill();
    await until(async () => failing.length === 1);
    expect(String(failing[0])).toMatch(/projector worker exited/);
    await until(async () => recovered === 1);
    expect(projector.starts).toBe(2);
    const order = testOrder('t-2', 'c-2');
    const { position } = await backend.orderEvents.appendToStream(orderStreamId('t-2'), [
      { id: crypto.randomUUID(), type: 'OrderRegistered', data: { order } },
    ]);
    await until(async () => (await backend.readModels.checkpoint()) >= position);
  });

  it('keeps the subject keys on the append worker: the new subjects of one turn share one commit, durable before they are answered', async () => {
    const dir = newDir();
    const backend = threaded(dir);
    const store = backend.subjectKeys.store as ThreadedSubjectKeyStore;
    expect(store).toBeInstanceOf(ThreadedSubjectKeyStore);
    const names = Array.from({ length: 40 }, (_, i) => `Email:ann-${i}@example.com`);
    const subjects = await Promise.all(names.map((name) => backend.subjectKeys.subjectFor(name)));
    expect(new Set(subjects.map((subject) => subject.id)).size).toBe(40);
    const { commits, created } = await store.stats();
    expect(created).toBe(40);
    expect(commits).toBeLessThanOrEqual(2); // one turn's lookups: one transaction (two if the message arrived split)
    const reader = SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE)); // another connection, as the projector's
    for (const subject of subjects) expect(await reader.keyOf(subject.id)).toEqual(subject.key);
    await reader.close();
    // one worker for both: the append worker hosts the keys
    await backend.eventStore.appendToStream('s-keys', newEvents(1));
    expect((backend.eventStore as SqliteEventStore).appendThread!.starts).toBe(1);
    expect(store.connections).toBe(1);
  });

  it('a dead append worker fails the subject-key call in flight with a storage fault, and the next call works on the next worker', async () => {
    const backend = threaded();
    const store = backend.subjectKeys.store as ThreadedSubjectKeyStore;
    await store.subjectFor('lookup-before');
    const thread = (backend.eventStore as SqliteEventStore).appendThread!;
    const inFlight = store.subjectFor('lookup-in-flight').catch((failure: unknown) => failure);
    await thread.kill();
    const error = await inFlight;
    expect(isStorageFault(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable', store: 'subject-keys' });
    const next = await store.subjectFor('lookup-after'); // straight away: waits for the dead worker's exit, then connects to the next
    expect(next.key).toHaveLength(32);
    expect(await store.keyOf((await store.subjectFor('lookup-before')).id)).toHaveLength(32);
    expect(thread.starts).toBe(2);
    expect(store.connections).toBe(2);
    expect((await store.stats()).created).toBeGreaterThanOrEqual(1);
  });

  it('sealed personal data written on the request thread is opened by the projector worker with the keys the append worker created', async () => {
    const dir = newDir();
    const backend = threaded(dir);
    const projector = backend.projector({});
    await backend.runExclusive('projector', projector);
    const order = testOrder('t-pd', 'ann@example.com', undefined, 'Email');
    const { position } = await backend.orderEvents.appendToStream(orderStreamId('t-pd'), [
      { id: crypto.randomUUID(), type: 'OrderRegistered', data: { order } },
    ]);
    await until(async () => (await backend.readModels.checkpoint()) >= position);
    const raw = JSON.stringify((await backend.eventStore.readStream(orderStreamId('t-pd')))[0]!.data);
    expect(raw).toContain('$personal');
    expect(raw).not.toContain('ann@example.com');
    expect((await backend.readModels.getOrder('t-pd'))?.order.contact.matchKey).toBe('ann@example.com');
  });

  it('close() drains: an append made just before close is committed and readable afterwards', async () => {
    const dir = newDir();
    const backend = openBackend({ dataDir: dir }, () => undefined, undefined, { threads: true });
    const pending = backend.eventStore.appendToStream('s-close', newEvents(3));
    await backend.close();
    expect((await pending).nextExpectedRevision).toBe(2);
    const reopened = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    expect(await reopened.readStream('s-close')).toHaveLength(3);
    await reopened.close();
  });
});
