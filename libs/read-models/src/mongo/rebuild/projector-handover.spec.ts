import { describe, expect, it } from 'vitest';
import { FakeMongoDb } from '../../testing/fake-mongo';
import { LEASE_COLLECTION, MongoLease } from '../lease';
import { ProjectorHandover } from './projector-handover';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

function setUp() {
  const fake = new FakeMongoDb();
  const db = fake.asDb();
  let now = 0;
  const clock = () => at(now);
  fake.now = clock; // the lease's expiry is the server's $$NOW + ttl
  const instance = new MongoLease(db, 'projector', 'instance-1', 15_000);
  const handover = new ProjectorHandover(db, 'rebuild', { ttlMs: 15_000, marginMs: 2_000 }, clock);
  return { fake, db, instance, handover, clock, advance: (ms: number) => void (now += ms) };
}

describe('ProjectorHandover (in-memory fake)', () => {
  it('takes a held lease over: the holder is refused from then on, and counts as stopped from its expiry + the margin', async () => {
    const { fake, instance, handover, advance } = setUp();
    expect(await instance.tryAcquire()).toBe(true); // expires at 15 000
    advance(4_000);
    expect(await handover.takeOver()).toEqual(at(17_000));
    expect(await fake.collection(LEASE_COLLECTION).findOne({ _id: 'projector' })).toMatchObject({
      owner: 'rebuild',
      expiresAt: at(19_000),
    });
    expect(await instance.tryAcquire()).toBe(false); // its LeaseRunner stops the projector
    advance(10_000);
    await handover.renew();
    advance(10_000); // 24 000: without the renewal the lease would have expired at 19 000
    expect(await instance.tryAcquire()).toBe(false);
    await handover.release();
    expect(await instance.tryAcquire()).toBe(true); // the instances elect a projector again
  });

  it('does not wait when nobody holds the lease or its holder let it expire', async () => {
    const { instance, handover, advance, clock } = setUp();
    expect(await handover.takeOver()).toEqual(clock());
    await handover.release();
    expect(await instance.tryAcquire()).toBe(true);
    advance(16_000); // the holder died
    expect(await handover.takeOver()).toEqual(clock());
  });

  it('renews only when a third of the ttl has passed, and fails once another instance took the expired lease', async () => {
    const { instance, handover, advance } = setUp();
    await handover.takeOver();
    advance(4_000);
    await handover.renewIfDue(); // not due: nothing written
    advance(16_000); // 20 000: expired at 15 000 (the rebuild stalled)
    expect(await instance.tryAcquire()).toBe(true);
    await expect(handover.renewIfDue()).rejects.toThrow(/lease was lost/);
    await handover.release(); // not ours any more: the instance keeps it
    expect(await instance.tryAcquire()).toBe(true);
  });
});
