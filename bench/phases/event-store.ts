import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { newEventId, type NewEvent, SqliteEventStore } from '@orders/event-store';
import { openDatabase } from '@orders/event-store/sqlite/schema';
import type { BenchOptions } from '../support/options';
import type { OrderTemplate } from '@orders/demo-data';
import { forDuration, ratio, round } from '../support/stats';
import { newTempDir } from '../support/service';

export interface AppendFigures {
  /** events per second through SqliteEventStore.appendToStream */
  storeEventsPerSecond: number;
  /** events per second of plain prepared INSERTs on the same schema and PRAGMAs */
  rawEventsPerSecond: number;
  ratioToRaw: number;
}

export interface EventStoreResult {
  /** one awaited single-event append at a time: one transaction (one fsync) each */
  sequential: AppendFigures;
  /** BATCH concurrent single-event appends (group-committed) vs BATCH inserts in one transaction */
  batched: AppendFigures & { batch: number };
  eventBytes: number;
}

const BATCH = 50; // as many appends in flight as the HTTP load has connections

/** Realistic OrderRegistered events from the order templates, with the metadata the service writes. */
function eventFactory(templates: readonly OrderTemplate[]) {
  let n = 0;
  return (): NewEvent => {
    const sequence = n++;
    const order = {
      ...templates[sequence % templates.length]!.order,
      orderId: `es-${sequence}`,
      createdAt: '2026-06-01T10:00:00.000+00:00',
    };
    const id = newEventId(); // the ids the service writes (time-ordered)
    return {
      id,
      type: 'OrderRegistered',
      data: { order },
      metadata: { schemaVersion: 1, correlationId: id, causationId: id, jobId: `job-${sequence}` },
    };
  };
}

/** The raw baseline: the event store's own schema and PRAGMAs (openDatabase), plain INSERTs. */
function rawWriter(file: string) {
  const db: Database.Database = openDatabase({ file });
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const write = (event: NewEvent, streamId: string): void => {
    insert.run(streamId, 0, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), new Date().toISOString());
  };
  const writeMany = db.transaction((events: NewEvent[], streamIds: string[]) => events.forEach((e, i) => write(e, streamIds[i]!)));
  return { write, writeMany, close: () => db.close() };
}

/** Phase 5: append rate of SqliteEventStore vs raw better-sqlite3 inserts, alternating A/B rounds. */
export async function measureEventStore(options: BenchOptions, templates: readonly OrderTemplate[]): Promise<EventStoreResult> {
  const dir = newTempDir('es');
  const nextEvent = eventFactory(templates);
  const store = SqliteEventStore.open({ file: join(dir, 'store.sqlite') });
  const raw = rawWriter(join(dir, 'raw.sqlite'));
  let streams = 0;
  const totals: Record<'storeSeq' | 'rawSeq' | 'storeBatch' | 'rawBatch', [number, number]> = {
    storeSeq: [0, 0],
    rawSeq: [0, 0],
    storeBatch: [0, 0],
    rawBatch: [0, 0],
  };
  const measure = async (key: keyof typeof totals, fn: () => number | Promise<number>): Promise<void> => {
    const run = await forDuration(options.appendSeconds, fn);
    totals[key][0] += run.operations;
    totals[key][1] += run.elapsed;
  };
  const rawSequential = (): number => (raw.write(nextEvent(), `order-raw-${streams++}`), 1);
  const storeSequential = async (): Promise<number> => {
    await store.appendToStream(`order-s-${streams++}`, [nextEvent()], { expectedRevision: 'no_stream' });
    return 1;
  };
  const rawBatched = (): number => {
    const events = Array.from({ length: BATCH }, nextEvent);
    raw.writeMany(
      events,
      events.map(() => `order-raw-${streams++}`),
    );
    return BATCH;
  };
  const storeBatched = async (): Promise<number> => {
    const events = Array.from({ length: BATCH }, nextEvent);
    await Promise.all(events.map((e) => store.appendToStream(`order-b-${streams++}`, [e], { expectedRevision: 'no_stream' })));
    return BATCH;
  };
  try {
    // short alternating slices (A B, B A, …) so that drifting background load hits both sides alike
    for (let r = 0; r < options.appendRounds; r++) {
      const rawFirst = r % 2 === 0;
      await measure(rawFirst ? 'rawSeq' : 'storeSeq', rawFirst ? rawSequential : storeSequential);
      await measure(rawFirst ? 'storeSeq' : 'rawSeq', rawFirst ? storeSequential : rawSequential);
      await measure(rawFirst ? 'rawBatch' : 'storeBatch', rawFirst ? rawBatched : storeBatched);
      await measure(rawFirst ? 'storeBatch' : 'rawBatch', rawFirst ? storeBatched : rawBatched);
    }
  } finally {
    await store.close();
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const rate = ([ops, secs]: [number, number]): number => round(ops / secs, 0);
  const figures = (s: [number, number], r: [number, number]): AppendFigures => ({
    storeEventsPerSecond: rate(s),
    rawEventsPerSecond: rate(r),
    ratioToRaw: ratio(rate(s), rate(r)),
  });
  const samples = Array.from({ length: 100 }, nextEvent);
  const eventBytes =
    samples.reduce((sum, e) => sum + JSON.stringify(e.data).length + JSON.stringify(e.metadata).length, 0) / samples.length;
  return {
    sequential: figures(totals.storeSeq, totals.rawSeq),
    batched: { ...figures(totals.storeBatch, totals.rawBatch), batch: BATCH },
    eventBytes: Math.round(eventBytes),
  };
}
