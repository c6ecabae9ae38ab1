import { SqliteEventStore } from '@orders/event-store';
import { afterEach } from 'vitest';

/**
 * A real embedded event store in memory for the command-side specs, closed after each test. Call it at
 * the top level of a spec file: it registers the `afterEach` that closes what the tests opened.
 */
export function memoryEventStores(): () => SqliteEventStore {
  const opened: SqliteEventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return () => {
    const store = SqliteEventStore.open({ file: ':memory:' });
    opened.push(store);
    return store;
  };
}
