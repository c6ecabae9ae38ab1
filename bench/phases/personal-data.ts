import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateOrder, type OrderTemplate, seededRandom } from '@orders/demo-data';
import { type Order, orderStreamId, personalOrderPaths } from '@orders/domain';
import type { NewEvent } from '@orders/event-store';
import { PersonalDataCodec, SqliteSubjectKeyStore, SUBJECT_KEYS_FILE, SubjectKeys } from '@orders/personal-data';
import type { BenchOptions } from '../support/options';
import { storedOrder } from '../support/orders';
import { newTempDir } from '../support/service';
import { percentile, round } from '../support/stats';

export interface PersonalDataResult {
  events: number;
  rounds: number;
  /** distinct data subjects (keys) the events name */
  subjects: number;
  /** mean sealed fields per event */
  sealedFieldsPerEvent: number;
  /** CPU µs per event (process user + system), median of the rounds; key cache warm */
  cpuUsPerEvent: { seal: number; open: number; stringify: number; parse: number };
  /** the same, wall-clock µs per event */
  wallUsPerEvent: { seal: number; open: number; stringify: number; parse: number };
  /** CPU µs per event of one pass with a cold key cache: sealing for subjects the store does not know yet (created, fsync'd), and after the 1 s cache expired */
  coldCpuUsPerEvent: { sealNewSubjects: number; sealCacheExpired: number; openCacheExpired: number };
  /** wall µs per event of sealing for new subjects: the key store's INSERT + fsync, which a registration waits for */
  sealNewSubjectsWallUs: number;
  /** of the registration phase's orders (same generator, its default match keys), the fraction that has personal fields to seal */
  registerOrdersWithPersonalFields: number;
}

type Timed = 'seal' | 'open' | 'stringify' | 'parse';

/** An order body as the service stores it (normalised). */
const stored = (body: unknown): Order => storedOrder(body, '2026-06-01T10:00:00.000+00:00');

/** Order bodies of the bench's generator keyed by e-mail or phone (every one personal), as the service stores them. */
function personalEvents(seed: number, count: number, contacts?: number): { streamId: string; event: NewEvent }[] {
  const random = seededRandom(seed);
  const matchKeys = [
    ['Email', 1],
    ['MobilePhone', 1],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const body = generateOrder(random, `pd-${i}`, i, { matchKeys, ...(contacts ? { contacts } : {}) });
    const id = randomUUID();
    return {
      streamId: orderStreamId(`pd-${i}`),
      event: {
        id,
        type: 'OrderRegistered',
        data: { order: stored(body) },
        metadata: { schemaVersion: 1, correlationId: id, causationId: id },
      },
    };
  });
}

/** CPU (user + system of the whole process) and wall µs that `fn` took, per item. */
async function timed(items: number, fn: () => Promise<void> | void): Promise<{ cpu: number; wall: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / items, wall: ((performance.now() - wall) * 1000) / items };
}

/**
 * Phase `personaldata`: the cost of crypto-shredding (issue 16 point 5) in the bench process, with the
 * real PersonalDataCodec over a real SQLite key store in a temp dir: sealing (the append path of a
 * registration) and opening (the projector's read) per order event, against JSON.stringify / JSON.parse
 * of the same events, in rounds after a warm-up (key cache warm), medians.
 */
export async function measurePersonalData(options: BenchOptions, templates: readonly OrderTemplate[]): Promise<PersonalDataResult> {
  const count = options.quick ? 1000 : 2000;
  const rounds = options.quick ? 5 : 9;
  const events = personalEvents(options.seed ^ 0x5eed, count);
  // customers drawn from 10⁸: (almost) every one a data subject the key store has not seen
  const newcomers = personalEvents(options.seed ^ 0xc01d, count / 4, 100_000_000);
  const dir = newTempDir('pd');
  const store = SqliteSubjectKeyStore.open(join(dir, SUBJECT_KEYS_FILE));
  // a TTL longer than the phase: "warm" means every subject's key is in the cache, as for a returning shopper within 1 s
  const codec = new PersonalDataCodec(new SubjectKeys(store, { ttlMs: 3_600_000 }));
  try {
    const sealAll = async () => {
      const out: NewEvent[] = [];
      for (const { streamId, event } of events) out.push(await codec.seal(streamId, event));
      return out;
    };
    let sealed = await sealAll(); // creates the subjects of the main set; warms the code up
    const sealNewSubjects = await timed(newcomers.length, async () => {
      for (const { streamId, event } of newcomers) await codec.seal(streamId, event);
    });
    const subjects = new Set(sealed.flatMap((e) => (e.data.$personal as { s: string }[]).map((f) => f.s))).size;
    const sealedFields = sealed.reduce((sum, e) => sum + (e.data.$personal as { p: string[] }[]).reduce((n, f) => n + f.p.length, 0), 0);
    const cold = new PersonalDataCodec(new SubjectKeys(store, { ttlMs: 3_600_000 }));
    const sealCacheExpired = await timed(count, async () => {
      for (const { streamId, event } of events) await cold.seal(streamId, event);
    });
    const coldOpen = new PersonalDataCodec(new SubjectKeys(store, { ttlMs: 3_600_000 }));
    const openCacheExpired = await timed(count, async () => {
      for (const event of sealed) await coldOpen.open(event);
    });
    const strings = events.map(({ event }) => JSON.stringify(event.data));
    const runs: Record<Timed, () => Promise<void> | void> = {
      seal: async () => void (sealed = await sealAll()),
      open: async () => {
        for (const event of sealed) await codec.open(event);
      },
      stringify: () => events.forEach(({ event }) => JSON.stringify(event.data)),
      parse: () => strings.forEach((text) => JSON.parse(text)),
    };
    const samples: Record<Timed, { cpu: number; wall: number }[]> = { seal: [], open: [], stringify: [], parse: [] };
    for (const name of Object.keys(runs) as Timed[]) await runs[name](); // warm-up: JIT and caches
    for (let r = 0; r < rounds; r++) {
      const order = (Object.keys(runs) as Timed[]).slice(r % 4).concat((Object.keys(runs) as Timed[]).slice(0, r % 4));
      for (const name of order) samples[name].push(await timed(count, runs[name]));
    }
    const median = (kind: 'cpu' | 'wall') =>
      Object.fromEntries(
        Object.entries(samples).map(([name, s]) => [
          name,
          round(
            percentile(
              s.map((x) => x[kind]),
              50,
            ),
            1,
          ),
        ]),
      ) as Record<Timed, number>;
    return {
      events: count,
      rounds,
      subjects,
      sealedFieldsPerEvent: round(sealedFields / count, 1),
      cpuUsPerEvent: median('cpu'),
      wallUsPerEvent: median('wall'),
      sealNewSubjectsWallUs: round(sealNewSubjects.wall, 1),
      coldCpuUsPerEvent: {
        sealNewSubjects: round(sealNewSubjects.cpu, 1),
        sealCacheExpired: round(sealCacheExpired.cpu, 1),
        openCacheExpired: round(openCacheExpired.cpu, 1),
      },
      registerOrdersWithPersonalFields: round(
        templates.filter((t) => personalOrderPaths(stored({ ...t.order, orderId: 'pd-template' })).length > 0).length / templates.length,
        3,
      ),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
