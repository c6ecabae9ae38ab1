import { ARTICLE_REGISTER, CONTACT_REGISTER, type RegisterKind, STORE_REGISTER } from '@orders/domain';
import type { DemoDataSet, RegisterEntry } from '@orders/demo-data';
import type { EventStore } from '@orders/event-store';
import { DemoWriter } from './demo-writer';
import { articleEntry, contactEntry, storeEntry } from './demo-bodies';

/** Written and already-there counts of one kind of entry. */
export interface Tally {
  written: number;
  present: number;
}

export interface DemoLoadResult {
  orders: Tally;
  contacts: Tally;
  articles: Tally;
  stores: Tally;
  /** events appended in all (orders and registers) */
  events: number;
  elapsedMs: number;
}

export interface LoadDemoOptions {
  correlationId: string;
  /** appends in flight at once (the embedded store commits concurrent appends together) */
  concurrency?: number;
  /** called once per entry done (written or skipped) */
  onEntry?: (phase: 'contacts' | 'articles' | 'stores' | 'orders') => void;
}

/** recorded as `apiKeyName` in the events' metadata: who wrote them (no API key is involved) */
export const DEMO_WRITER_NAME = 'cli:demo-load';

/** Runs `work` over `items`, `concurrency` at a time. */
async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Writes the data set into the event store: contacts, articles and stores first, then the orders
 * (each registered, some completed later). Existing entries are counted as present and left alone.
 */
export async function loadDemo(store: EventStore, data: DemoDataSet, options: LoadDemoOptions): Promise<DemoLoadResult> {
  const started = performance.now();
  const writer = new DemoWriter(store, { correlationId: options.correlationId, apiKeyName: DEMO_WRITER_NAME });
  const concurrency = options.concurrency ?? 32;
  let events = 0;
  const count = (tally: Tally, written: number) => {
    events += written;
    if (written > 0) tally.written++;
    else tally.present++;
  };
  const registers = async (
    phase: 'contacts' | 'articles' | 'stores',
    kind: RegisterKind,
    entries: RegisterEntry[],
    toEntry: (id: string, body: unknown) => object,
  ) => {
    const tally: Tally = { written: 0, present: 0 };
    await eachConcurrently(entries, concurrency, async ({ id, body }) => {
      count(tally, await writer.writeRegisterEntry(kind, id, toEntry(id, body)));
      options.onEntry?.(phase);
    });
    return tally;
  };
  const contacts = await registers('contacts', CONTACT_REGISTER, data.contacts, contactEntry);
  const articles = await registers('articles', ARTICLE_REGISTER, data.articles, articleEntry);
  const stores = await registers('stores', STORE_REGISTER, data.stores, storeEntry);
  const orders: Tally = { written: 0, present: 0 };
  await eachConcurrently(data.orders, concurrency, async (order) => {
    count(orders, await writer.writeOrder(order));
    options.onEntry?.('orders');
  });
  return { orders, contacts, articles, stores, events, elapsedMs: performance.now() - started };
}
