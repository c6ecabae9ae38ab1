import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteEventStore } from '@orders/event-store';
import { Projector } from '../projector/projector';
import { FakeMongoDb, type FakeWrite } from '../testing/fake-mongo';
import { writeMixedWorkload } from '../testing/mixed-workload';
import { TestLog, testOrder } from '../testing/read-model-log';
import { type Lease, type LeasedWork, LeaseRunner, MongoLease } from './lease';
import { CHECKPOINT_COLLECTION, MongoReadModels } from './mongo-read-models';
import { LIVE_COLLECTIONS } from './parts/mongo-projection-part';
import { mongoOrderViewPart, ORDER_VIEW_COLLECTION } from './parts/order-view.part';
import { canonicalMongoDump } from './rebuild/canonical-mongo-dump';
import { rebuildMongoProjections } from './rebuild/mongo-rebuild';

/**
 * Interleavings the synchronous fake could not show (issue 20): each test parks one writer inside the
 * fake's write gate (FakeMongoDb.beforeWrite) while another runs, as two processes on a real server
 * may. Each fails on the code before fencing (checked by reverting the fix).
 */

/** A barrier: the first write matching `when` waits until release() (parked resolves once it waits). */
function parkFirstWrite(fake: FakeMongoDb, when: (write: FakeWrite) => boolean) {
  let release!: () => void;
  let parked!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (parked = resolve));
  let armed = true;
  fake.beforeWrite = async (write) => {
    if (!armed || !when(write)) return;
    armed = false;
    parked();
    await released;
  };
  return { arrived, release };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('fencing under interleaving (in-memory fake, interleaving mode)', () => {
  it('a rebuild swap racing an old projector: the old one cannot move the checkpoint past the rebuilt position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mongo-fence-'));
    const eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => eventStore.close());
    const fake = new FakeMongoDb();
    fake.interleave = true;
    const db = fake.asDb();
    const readModels = await MongoReadModels.open(db);
    const old = await MongoReadModels.open(db); // a projector of another instance that lost its role but still runs
    await old.claim();
    await writeMixedWorkload(eventStore, { orders: 40, seed: 3 });
    await old.applyBatch(await eventStore.readAll(), await eventStore.headPosition());

    let oldBatch: Promise<unknown> | null = null;
    let oldOutcome: unknown = 'not run';
    const result = await rebuildMongoProjections({
      eventStore,
      readModels,
      batchSize: 50,
      handover: { ttlMs: 300, marginMs: 10 },
      afterRename: async () => {
        if (oldBatch) return;
        // after the rebuild read its head: new events, which the old projector reads in one batch; it
        // stalls just before its checkpoint write, and wakes after the swap
        const from = await eventStore.headPosition();
        await writeMixedWorkload(eventStore, { orders: 10, seed: 4, prefix: 'late' });
        const late = await eventStore.readAll({ fromPosition: from });
        const barrier = parkFirstWrite(fake, (write) => write.collection === CHECKPOINT_COLLECTION);
        oldBatch = old.applyBatch(late, await eventStore.headPosition()).then(
          () => (oldOutcome = 'applied'),
          (error: unknown) => (oldOutcome = error),
        );
        await Promise.race([barrier.arrived, oldBatch]);
        fake.beforeWrite = null;
        setTimeout(barrier.release, 50); // it wakes once the swap is done
      },
    });
    await oldBatch;
    expect(await readModels.checkpoint()).toBe(result.position); // not moved past the rebuild by the old projector
    expect(oldOutcome).toMatchObject({ name: 'FencedError' });

    // the next projector resumes from the rebuild's position and the late events reach the rebuilt models
    const projector = new Projector(eventStore, readModels, { streamPrefixes: readModels.streamPrefixes, batchSize: 100 });
    await projector.start();
    cleanups.push(() => projector.stop());
    const head = await eventStore.headPosition();
    for (let i = 0; i < 2000 && (await readModels.checkpoint()) < head; i++) await new Promise((r) => setTimeout(r, 5));
    const reference = await MongoReadModels.open(new FakeMongoDb().asDb());
    await reference.applyBatch(await eventStore.readAll(), head);
    expect(await canonicalMongoDump(db, readModels.parts)).toEqual(await canonicalMongoDump(reference.db, reference.parts));
  }, 60_000);

  it('two projectors relinking the same order: the superseded one cannot leave a stale contactId', async () => {
    const fake = new FakeMongoDb();
    const db = fake.asDb();
    const log = new TestLog();
    const order = log.registered(testOrder('o1', 'ada@example.com', '2026-01-01T00:00:00Z', 'Email'));
    const saved = log.contactSaved('c-ada', { email: 'ada@example.com' });
    const deleted = log.contactDeleted('c-ada');
    const first = await MongoReadModels.open(db);
    await first.claim();
    await first.applyBatch([order], order.position);

    // the first projector relinks o1 to c-ada and stalls before its write lands …
    const barrier = parkFirstWrite(fake, (write) => write.collection === ORDER_VIEW_COLLECTION);
    const stale = first.applyBatch([saved], saved.position).catch((error: unknown) => error);
    await barrier.arrived;
    fake.beforeWrite = null;
    // … while its successor (it won the lease) applies the contact's creation and deletion: o1 has no contact
    const second = await MongoReadModels.open(db);
    await second.claim();
    await second.applyBatch([saved, deleted], deleted.position);
    expect((await second.getOrder('o1'))?.contactId).toBeNull();
    barrier.release();
    const outcome = await stale;

    expect((await second.getOrder('o1'))?.contactId).toBeNull();
    expect((await second.listByContact('c-ada', 0, 10)).totalCount).toBe(0);
    expect(outcome).toMatchObject({ name: 'FencedError' });
  });

  it('a lease holder paused past its ttl stops before another instance can take the lease', async () => {
    vi.useFakeTimers();
    const fake = new FakeMongoDb();
    fake.now = () => new Date(); // the server's clock (faked by vitest, as the timers)
    const db = fake.asDb();
    const ttlMs = 3000;
    let calls = 0;
    const realA = new MongoLease(db, 'projector', 'a', ttlMs);
    // a's second renewal reaches the server at once, but its answer comes back 2 s later (an event-loop
    // stall, a GC pause); later renewals never answer
    const leaseA: Lease = {
      ttlMs,
      tryAcquire: async () => {
        calls++;
        if (calls === 1) return realA.tryAcquire();
        if (calls === 2) {
          const held = await realA.tryAcquire();
          await new Promise((resolve) => setTimeout(resolve, 2000));
          return held;
        }
        return new Promise<boolean>(() => undefined);
      },
      release: () => realA.release(),
    };
    const work = (): LeasedWork => ({ start: async () => undefined, stop: async () => undefined });
    const a = new LeaseRunner(leaseA, work());
    const b = new LeaseRunner(new MongoLease(db, 'projector', 'b', ttlMs), work());
    a.start();
    await vi.advanceTimersByTimeAsync(0);
    b.start();
    const both: number[] = [];
    let bLed = false;
    for (let t = 0; t < 10_000; t += 50) {
      await vi.advanceTimersByTimeAsync(50);
      if (a.isLeader && b.isLeader) both.push(t);
      bLed ||= b.isLeader;
    }
    expect(bLed).toBe(true);
    expect(both).toEqual([]); // never two working holders
    a['running'] = false; // its renewal never answers: stop without waiting for it
    await b.stop();
  });

  it('a bulk write with both duplicate-key and write-concern errors fails (the write concern was not met)', async () => {
    const fake = new FakeMongoDb();
    const db = fake.asDb();
    const log = new TestLog();
    const a = log.registered(testOrder('a', 'c'));
    const b = log.registered(testOrder('b', 'c'));
    // one writer read no `a` and `b`, and stalls before its bulk write; another writes `a` meanwhile
    const barrier = parkFirstWrite(fake, (write) => write.collection === ORDER_VIEW_COLLECTION);
    const racing = mongoOrderViewPart.apply(db, [a, b], LIVE_COLLECTIONS).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await barrier.arrived;
    fake.beforeWrite = null;
    await mongoOrderViewPart.apply(db, [a], LIVE_COLLECTIONS);
    // its bulk write then meets E11000 on `a` (already applied) and writes `b`, not acknowledged by a majority
    fake.injectFault({ kind: 'writeConcernError', collection: ORDER_VIEW_COLLECTION });
    barrier.release();
    expect(await racing).toMatchObject({ name: 'MongoBulkWriteError' }); // not swallowed as "already applied"
  });

  it('the fake refuses a document over 16 MiB and fails a bulk write mid-way on an injected network error', async () => {
    const fake = new FakeMongoDb();
    const collection = fake.asDb().collection('c');
    await expect(collection.insertOne({ _id: 'big', text: 'x'.repeat(16 * 1024 * 1024) } as never)).rejects.toMatchObject({
      code: 10334,
    });
    fake.injectFault({ kind: 'networkError', afterOps: 1 });
    await expect(
      collection.bulkWrite([{ insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 2 } } }] as never),
    ).rejects.toMatchObject({ name: 'MongoNetworkError' });
    expect(await collection.countDocuments({})).toBe(1); // the first landed, the caller cannot know
  });
});
