import { Query } from 'mingo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeMongoDb } from '../testing/fake-mongo';
import { canTakeLease, type Lease, type LeasedWork, LEASE_COLLECTION, leaseFilter, LeaseRunner, MongoLease } from './lease';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('lease decision (pure)', () => {
  const cases = [
    { name: 'nobody holds it', current: null, take: true },
    { name: 'I hold it (renewal)', current: { owner: 'me', expiresAt: at(10_000) }, take: true },
    { name: 'I held it and it expired', current: { owner: 'me', expiresAt: at(-1) }, take: true },
    { name: 'another holds it, not expired', current: { owner: 'other', expiresAt: at(10_000) }, take: false },
    { name: 'another holds it, expiring exactly now', current: { owner: 'other', expiresAt: at(0) }, take: false },
    { name: 'another held it, expired', current: { owner: 'other', expiresAt: at(-1) }, take: true },
  ];

  it.each(cases)('$name → $take', ({ current, take }) => {
    expect(canTakeLease(current, 'me', at(0))).toBe(take);
  });

  it.each(cases.filter((c) => c.current !== null))('the MongoDB filter agrees: $name', ({ current, take }) => {
    // with upsert, a missing document is inserted; an existing one must match the filter
    expect(new Query(leaseFilter('projector', 'me', at(0)) as Record<string, unknown>, {}).test({ _id: 'projector', ...current })).toBe(
      take,
    );
  });

  it.each(cases)('the server-side update (on $$NOW) agrees: $name', async ({ current, take }) => {
    const fake = new FakeMongoDb();
    fake.now = () => at(0);
    if (current) await fake.collection(LEASE_COLLECTION).insertOne({ _id: 'projector', ...current });
    expect(await new MongoLease(fake.asDb(), 'projector', 'me', 5000).tryAcquire()).toBe(take);
    const after = await fake.collection(LEASE_COLLECTION).findOne({ _id: 'projector' });
    expect(after).toEqual(take ? { _id: 'projector', owner: 'me', expiresAt: at(5000) } : { _id: 'projector', ...current });
  });
});

describe('MongoLease (in-memory fake)', () => {
  it('one holder at a time; renewals extend; another takes over after expiry; release frees it', async () => {
    const fake = new FakeMongoDb();
    const db = fake.asDb();
    let now = 0;
    fake.now = () => at(now); // the expiry is computed by the server ($$NOW + ttl), not by the instances
    const a = new MongoLease(db, 'projector', 'a', 15_000);
    const b = new MongoLease(db, 'projector', 'b', 15_000);
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    now = 10_000;
    expect(await a.tryAcquire()).toBe(true); // renewed until 25 000
    now = 20_000;
    expect(await b.tryAcquire()).toBe(false);
    now = 25_001; // a died: no renewal
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    await b.release();
    expect(await a.tryAcquire()).toBe(true);
    expect(await new MongoLease(db, 'dispatcher', 'b', 15_000).tryAcquire()).toBe(true); // roles are independent
  });
});

describe('LeaseRunner', () => {
  afterEach(() => void vi.useRealTimers());

  function setup(answers: (boolean | Error)[]) {
    const log: string[] = [];
    const lease: Lease = {
      ttlMs: 3000,
      tryAcquire: vi.fn(async () => {
        const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
        if (answer instanceof Error) throw answer;
        return answer;
      }),
      release: vi.fn(async () => void log.push('release')),
    };
    const work: LeasedWork = {
      start: vi.fn(async () => void log.push('start')),
      stop: vi.fn(async () => void log.push('stop')),
    };
    return { lease, work, log, runner: new LeaseRunner(lease, work) };
  }

  it('starts the work when the lease is won, keeps it while renewals succeed, stops it when the lease is lost', async () => {
    vi.useFakeTimers();
    const { runner, log, lease } = setup([false, true, true, true, false, true]);
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000); // won
    expect(log).toEqual(['start']);
    expect(runner.isLeader).toBe(true);
    await vi.advanceTimersByTimeAsync(2000); // two renewals
    expect(log).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1000); // refused
    expect(log).toEqual(['start', 'stop']);
    expect(runner.isLeader).toBe(false);
    await vi.advanceTimersByTimeAsync(1000); // won again
    expect(log).toEqual(['start', 'stop', 'start']);
    await runner.stop();
    expect(log).toEqual(['start', 'stop', 'start', 'stop', 'release']);
    expect(vi.mocked(lease.tryAcquire).mock.calls.length).toBe(6);
  });

  it('stops the work when a renewal fails (server unreachable)', async () => {
    vi.useFakeTimers();
    const { runner, log } = setup([true, new Error('server selection timed out'), true]);
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['start', 'stop']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['start', 'stop', 'start']);
    await runner.stop();
  });

  it('stops the work when a renewal hangs: half a ttl after the last successful renewal was sent', async () => {
    vi.useFakeTimers();
    const { runner, log, lease } = setup([true]);
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['start']);
    vi.mocked(lease.tryAcquire).mockImplementation(() => new Promise<boolean>(() => undefined));
    await vi.advanceTimersByTimeAsync(1499);
    expect(log).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['start', 'stop']);
    expect(runner.isLeader).toBe(false);
  });
});
