import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

/** A store on a fresh file in a temp directory (for tests); `cleanup` closes it and removes the directory. */
export async function openTempStore(
  options: Omit<SqliteEventStoreOptions, 'file'> = {},
): Promise<{ store: SqliteEventStore; file: string; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'event-store-'));
  const file = join(dir, 'data', 'events.sqlite');
  const store = SqliteEventStore.open({ ...options, file });
  const cleanup = async (): Promise<void> => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { store, file, dir, cleanup };
}
