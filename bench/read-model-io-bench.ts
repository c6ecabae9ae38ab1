/**
 * Read-model write cost (not a test): what the projector's write path costs per registration, in pages
 * and in CPU, on a file that already holds many orders. `SqliteReadModels.applyBatch` (every part, every
 * index, the checkpoints at READ_MODEL_CHECKPOINT_PAGES) in the process, with the bench's order generator.
 * The bytes written and read and the write calls come from /proc/self/io: unlike CPU time they do not move
 * with the machine's speed, so two read-model layouts compare exactly (docs/performance.md, "Two B-trees
 * fewer per registration").
 *
 *   npm run bench:read-model-io                       # 60,000 orders first, then 10,000 measured in batches of 10
 *   npm run bench:read-model-io -- --prefill=20000 --measure=5000 --batch=100
 *   npm run bench:read-model-io -- --batch=25 --exec='DROP INDEX seg_orders_by_status_contact'   # what one index costs
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateOrder, seededRandom } from '@orders/demo-data';
import { orderStreamId } from '@orders/domain';
import type { JsonObject, RecordedEvent } from '@orders/event-store';
import { SqliteReadModels } from '@orders/read-models';
import { storedOrder } from './support/orders';
import { newTempDir } from './support/service';

const USAGE = `usage: npm run bench:read-model-io -- [--prefill=N] [--measure=N] [--batch=N] [--seed=N] [--ids=numbered|random] [--exec=SQL ...] [--help]
  Applies N OrderRegistered events to a fresh read-model file (batches of 500), then measures the next ones
  in the projector's live batch size, and prints per registration: KB written and read, write calls, CPU µs.
  --prefill=N   orders in the file before measuring (default 60000)
  --measure=N   orders measured (default 10000)
  --batch=N     orders per read-model transaction while measuring (default 10: ~1,000/s read every 10 ms)
  --seed=N      the order generator's seed (default 7)
  --ids=KIND    the orders' ids: numbered (io-<seed>-<n>, default: consecutive ids land near each other in every
                index by order id, as a webshop's order numbers do) or random (32 hex digits, like UUIDs: each
                new id takes a random leaf of those indexes)
  --exec=SQL    run this on the read-model connection after it is opened, before anything is written, to try
                another layout or setting (repeatable), e.g. --exec='DROP INDEX seg_orders_by_status_contact'
                --exec='PRAGMA wal_autocheckpoint = 1000'
  --help        this text`;

interface IoCounters {
  rchar: number;
  wchar: number;
  syscw: number;
}

function io(): IoCounters {
  const fields = new Map(
    readFileSync('/proc/self/io', 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(': ') as [string, string]),
  );
  return { rchar: Number(fields.get('rchar')), wchar: Number(fields.get('wchar')), syscw: Number(fields.get('syscw')) };
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        prefill: { type: 'string', default: '60000' },
        measure: { type: 'string', default: '10000' },
        batch: { type: 'string', default: '10' },
        seed: { type: 'string', default: '7' },
        ids: { type: 'string', default: 'numbered' },
        exec: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseOptions();
  if (values.help) return void process.stdout.write(`${USAGE}\n`);

  const count = (name: 'prefill' | 'measure' | 'batch' | 'seed', min: number): number => {
    const n = Number(values[name]);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}\n${USAGE}`);
    return n;
  };
  const [prefill, measure, batch, seed] = [count('prefill', 0), count('measure', 1), count('batch', 1), count('seed', 0)];
  if (values.ids !== 'numbered' && values.ids !== 'random') throw new Error(`--ids must be numbered or random\n${USAGE}`);
  // a stream of its own, so that the orders are the same whatever the ids
  const idRandom = seededRandom(seed + 1_000_003);
  const hex32 = (): string =>
    Array.from({ length: 4 }, () =>
      Math.floor(idRandom() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
  const orderIdOf = values.ids === 'random' ? hex32 : (i: number): string => `io-${seed}-${i}`;

  const dir = newTempDir('read-model-io');
  const store = SqliteReadModels.open(join(dir, 'read-models.sqlite'));
  try {
    for (const sql of values.exec) store.db.exec(sql);
    const random = seededRandom(seed);
    const now = new Date().toISOString();
    let position = 0;
    const registered = (i: number): RecordedEvent => {
      const order = storedOrder(generateOrder(random, orderIdOf(i), i), now);
      position++;
      const data = { order } as unknown as JsonObject;
      return {
        id: `e-${position}`,
        streamId: orderStreamId(order.orderId),
        revision: 0,
        position,
        type: 'OrderRegistered',
        data,
        metadata: { schemaVersion: 1 },
        createdAt: now,
      };
    };
    const apply = async (events: RecordedEvent[]): Promise<void> => store.applyBatch(events, events[events.length - 1]!.position);
    for (let i = 0; i < prefill; i += 500) await apply(Array.from({ length: Math.min(500, prefill - i) }, (_, j) => registered(i + j)));
    const events = Array.from({ length: measure }, (_, j) => registered(prefill + j));

    const ioBefore = io();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < measure; i += batch) await apply(events.slice(i, i + batch));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const ioAfter = io();

    const per = (value: number, digits = 1): number => Number((value / measure).toFixed(digits));
    const result = {
      prefill,
      measure,
      batch,
      ids: values.ids,
      exec: values.exec,
      kbWrittenPerOrder: per((ioAfter.wchar - ioBefore.wchar) / 1024, 2),
      writeCallsPerOrder: per(ioAfter.syscw - ioBefore.syscw, 2),
      kbReadPerOrder: per((ioAfter.rchar - ioBefore.rchar) / 1024, 2),
      cpuUsPerOrder: per(cpu.user + cpu.system),
      userUsPerOrder: per(cpu.user),
      systemUsPerOrder: per(cpu.system),
      wallUsPerOrder: per(wallMs * 1000),
    };
    process.stdout.write(
      `[read-model-io] ${measure} orders (${values.ids} ids) on ${prefill} in batches of ${batch}: ${result.kbWrittenPerOrder} KB written in ` +
        `${result.writeCallsPerOrder} write calls, ${result.kbReadPerOrder} KB read, ${result.cpuUsPerOrder} µs CPU ` +
        `(${result.systemUsPerOrder} in the kernel) per order\n${JSON.stringify(result)}\n`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
