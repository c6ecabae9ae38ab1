import { encodeVersionTag, orderStreamId } from '@orders/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { readEventFile, type StoredEvent, waitForProjection } from './support/event-file';
import { type Client, client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { compareReadModelsWithRebuild } from './support/read-model-compare';
import { newDataDir, removeDataDir, startService } from './support/service-process';
import { prng } from './support/fuzz-inputs';

/**
 * Crash suite: the service under write load (registers and status changes from parallel writers) is
 * SIGKILLed again and again. After every restart each acknowledged change must sit at its
 * acknowledged revision, the order may have moved on only by the one change each writer had in
 * flight at the kill, and the read models must equal a rebuild from the event file.
 */
const CYCLES = 5;
const WRITERS = 8;

/** A change a writer sent: `marker` null for the register. */
interface Sent {
  orderId: string;
  marker: string | null;
}
interface Known extends Sent {
  revision: number;
  jobId: string;
  acknowledged: boolean;
}

const decodeRevision = (jobId: string): number => Number(Buffer.from(jobId, 'base64url').toString('utf8').split(':')[0]);

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDataDir));

class Ledger {
  /** every change known to be in the store, per order, in revision order */
  readonly known = new Map<string, Known[]>();
  /** requests whose answer never came (the kill cut them off): committed or not */
  inDoubt: Sent[] = [];
  acknowledged = 0;
  adopted = 0;

  acknowledge(sent: Sent, jobId: string): void {
    const list = this.known.get(sent.orderId) ?? [];
    list.push({ ...sent, jobId, revision: decodeRevision(jobId), acknowledged: true });
    this.known.set(sent.orderId, list);
    this.acknowledged++;
  }

  /** Checks the event file against what was acknowledged; adopts in-doubt changes found committed. */
  verify(events: readonly StoredEvent[]): number {
    const byStream = new Map<string, StoredEvent[]>();
    for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    const matches = (event: StoredEvent | undefined, sent: Sent) =>
      event !== undefined &&
      (sent.marker === null
        ? event.type === 'OrderRegistered'
        : event.type === 'OrderStatusChanged' && event.data.externalStatus === sent.marker);
    for (const doubt of this.inDoubt) {
      const stream = byStream.get(orderStreamId(doubt.orderId)) ?? [];
      const before = this.known.get(doubt.orderId) ?? [];
      const next = stream[before.length];
      if (matches(next, doubt)) {
        this.known.set(doubt.orderId, [
          ...before,
          { ...doubt, revision: next!.revision, jobId: next!.metadata.jobId, acknowledged: false },
        ]);
        this.adopted++;
      }
    }
    this.inDoubt = [];
    let verified = 0;
    for (const [orderId, changes] of this.known) {
      const stream = byStream.get(orderStreamId(orderId)) ?? [];
      // nothing lost, nothing doubled, nothing nobody sent: the stream is exactly the known changes
      expect(
        stream.map((e) => e.revision),
        orderId,
      ).toEqual(changes.map((c) => c.revision));
      for (const change of changes) {
        const event = stream[change.revision];
        expect(matches(event, change), `${orderId}@${change.revision}`).toBe(true);
        expect(event!.metadata.jobId, `${orderId}@${change.revision}`).toBe(change.jobId);
        if (change.acknowledged) verified++;
      }
    }
    return verified;
  }
}

/** One writer: registers an order, changes its status a few times, registers the next, until stopped. */
async function writer(
  api: Client,
  id: number,
  cycle: number,
  ledger: Ledger,
  random: () => number,
  isStopped: () => boolean,
): Promise<void> {
  let orderId: string | null = null;
  let steps = 0;
  for (let n = 0; !isStopped(); n++) {
    const sent: Sent =
      orderId === null || steps === 0
        ? { orderId: newOrderId(`crash-${cycle}-${id}`), marker: null }
        : { orderId, marker: `w${id}-c${cycle}-${n}` };
    try {
      const answer =
        sent.marker === null
          ? await api.post('/api/v3/orders', minimalOrder(sent.orderId, `c-crash-${id % 3}`))
          : await api.post(`/api/v3/orders/${sent.orderId}/change-status`, {
              externalStatus: sent.marker,
              status: n % 2 ? 'Completed' : 'InProgress',
            });
      if (answer.status !== 202) throw new Error(`unexpected ${answer.status}: ${JSON.stringify(answer.body)}`);
      ledger.acknowledge(sent, answer.body.jobId);
      if (sent.marker === null) {
        orderId = sent.orderId;
        steps = 2 + Math.floor(random() * 8);
      } else steps--;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('unexpected')) throw error;
      ledger.inDoubt.push(sent); // the connection died with the service
      return;
    }
  }
}

/** The API's view: each order at its last known version, each acknowledged job completed at its revision. */
async function verifyViaApi(api: Client, ledger: Ledger): Promise<void> {
  const orders = [...ledger.known];
  const check = async ([orderId, changes]: [string, Known[]]) => {
    const last = changes[changes.length - 1]!;
    const order = await api.get(`/api/v3/orders/${encodeURIComponent(orderId)}`);
    expect(order.status, orderId).toBe(200);
    expect(order.body.versionTag, orderId).toBe(encodeVersionTag(orderId, last.revision));
    if (last.marker !== null) expect(order.body.externalStatus).toBe(last.marker);
    for (const change of changes.filter((c) => c.acknowledged)) {
      const job = await api.get(`/api/v3/orders/jobs/${change.jobId}`);
      expect(job.status, `${orderId}@${change.revision}`).toBe(302);
      expect(job.body.versionTag).toBe(encodeVersionTag(orderId, change.revision));
    }
  };
  // a few orders at a time
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = orders.pop(); next; next = orders.pop()) await check(next);
    }),
  );
}

describe('crash: SIGKILL under write load', () => {
  it(
    `${CYCLES} kill cycles: every acknowledged change survives at its revision; read models equal a rebuild`,
    { timeout: 180_000 },
    async () => {
      const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100000);
      const random = prng(seed);
      const dataDir = newDataDir();
      dirs.push(dataDir);
      const ledger = new Ledger();
      let verified = 0;
      let divergent = 0;
      for (let cycle = 1; cycle <= CYCLES + 1; cycle++) {
        const service = await startService({ dataDir });
        const api = client(service.url);
        await waitForProjection(dataDir);
        verified = ledger.verify(readEventFile(dataDir));
        await verifyViaApi(api, ledger);
        const idle = await compareReadModelsWithRebuild(dataDir);
        expect(idle.divergent, `seed ${seed}, cycle ${cycle}: ${idle.samples.join('\n')}`).toBe(0);
        if (cycle > CYCLES) {
          // last round: stop cleanly and compare the files with the service gone
          expect([0, 'SIGTERM']).toContain(await service.stop());
          const stopped = await compareReadModelsWithRebuild(dataDir);
          divergent = stopped.divergent;
          expect(stopped.divergent, stopped.samples.join('\n')).toBe(0);
          expect(stopped.rows).toBeGreaterThan(0);
          break;
        }
        let stopped = false;
        const target = ledger.acknowledged + 60 + Math.floor(random() * 200);
        const writers = Array.from({ length: WRITERS }, (_, id) => writer(api, id, cycle, ledger, random, () => stopped));
        while (ledger.acknowledged < target) await new Promise((r) => setTimeout(r, 2));
        await service.kill();
        stopped = true;
        await Promise.all(writers);
      }
      expect(verified).toBe(ledger.acknowledged);
      console.log(
        `crash seed ${seed}: ${CYCLES} SIGKILL cycles survived, ${verified} acknowledged writes verified ` +
          `(${ledger.adopted} unanswered writes found committed), ${divergent} divergent read-model rows`,
      );
    },
  );
});
