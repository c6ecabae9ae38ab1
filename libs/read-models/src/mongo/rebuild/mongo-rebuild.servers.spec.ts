import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EventStoreDbEventStore } from '@orders/event-store/eventstoredb';
import { projectionStatus } from '../../progress/projection-status';
import { writeMixedWorkload } from '../../testing/mixed-workload';
import { Projector } from '../../projector/projector';
import { LeaseRunner, MongoLease } from '../lease';
import { MongoReadModels } from '../mongo-read-models';
import { canonicalMongoDump } from './canonical-mongo-dump';
import { rebuildMongoProjections } from './mongo-rebuild';
import { REBUILD_STATE_COLLECTION } from './rebuild-state';

const eventStoreUrl = process.env.EVENTSTORE_URL?.trim();
const mongoUrl = process.env.MONGODB_URL?.trim();
const SUITE = 'Mongo rebuild: EventStoreDB + MongoDB servers';

if (!eventStoreUrl || !mongoUrl) {
  console.info(`[skipped] ${SUITE} — needs both EVENTSTORE_URL and MONGODB_URL (run \`npm run test:distributed\` against servers)`);
}

/**
 * Against real servers: the log is shared with other suites (and earlier runs), so the rebuild replays
 * all of it into a fresh database, and the comparison looks at this run's orders only.
 */
describe.skipIf(!eventStoreUrl || !mongoUrl)(SUITE, () => {
  it('rebuilds into collections equal to the live ones while the live projector runs under its lease, and resumes after a crash', async () => {
    const run = randomUUID().slice(0, 8);
    const prefix = `rebuild${run}`;
    const eventStore = await EventStoreDbEventStore.connect(eventStoreUrl ?? '');
    const readModels = await MongoReadModels.connect(mongoUrl ?? '', { dbName: `orders-rebuild-${run}` });
    const projector = new Projector(eventStore, readModels, { streamPrefixes: readModels.streamPrefixes, batchSize: 500 });
    const runner = new LeaseRunner(new MongoLease(readModels.db, 'projector', `instance-${run}`, 3000), projector);
    const mine = (dump: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(dump).map(([name, docs]) => [name, docs.filter((doc) => doc.includes(`"_id":"${prefix}-`))]));
    const dump = async () => mine(await canonicalMongoDump(readModels.db, readModels.parts));
    const caughtUp = async () => {
      for (let i = 0; i < 1200; i++) {
        const [status] = await projectionStatus(eventStore, [readModels]);
        if (status?.caughtUp) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('live projection did not catch up');
    };
    const handover = { ttlMs: 3000, marginMs: 500 };
    try {
      await writeMixedWorkload(eventStore, { orders: 200, seed: 11, prefix, concurrency: 20 });
      runner.start();
      await caughtUp();
      const before = await dump();
      expect(before.order_view).toHaveLength(200);

      let batches = 0;
      const crash = () => {
        if (++batches === 2) throw new Error('crash');
      };
      await expect(rebuildMongoProjections({ eventStore, readModels, batchSize: 100, handover, afterBatch: crash })).rejects.toThrow(
        'crash',
      );
      const result = await rebuildMongoProjections({ eventStore, readModels, batchSize: 1000, handover });
      expect(result.resumedFrom).toBeGreaterThan(0);
      expect(await dump()).toEqual(before);
      const collections = (await readModels.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      expect(collections.filter((name) => name.endsWith('__rebuild'))).toEqual([]);
      expect(await readModels.db.collection(REBUILD_STATE_COLLECTION).countDocuments()).toBe(0);

      // the live projector is elected again and goes on on the swapped-in collections
      await writeMixedWorkload(eventStore, { orders: 10, seed: 12, prefix: `${prefix}-late`, rounds: 1 });
      await caughtUp();
      expect(await readModels.getOrder(`${prefix}-late-9`)).toMatchObject({ orderId: `${prefix}-late-9` });
    } finally {
      await runner.stop();
      await readModels.db.dropDatabase();
      await readModels.close();
      await eventStore.close();
    }
  }, 600_000);
});
