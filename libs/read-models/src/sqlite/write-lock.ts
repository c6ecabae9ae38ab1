import type Database from 'better-sqlite3';
import { sqliteFaultKind, toStorageFault } from '@orders/event-store';

/** how often a write tries again for the write lock another connection holds */
export const WRITE_LOCK_RETRY_MS = 20;

/**
 * Runs `write` in an IMMEDIATE transaction, waiting for the write lock off the event loop: it tries to
 * take the lock without waiting and, while another connection holds it (a rebuild's batch can, for
 * seconds), sleeps asynchronously and tries again — a synchronous busy wait would stall every request
 * of the service for as long. IMMEDIATE also means the lock is held from BEGIN: a deferred transaction
 * that reads before it writes fails with SQLITE_BUSY_SNAPSHOT when another connection committed in
 * between. Gives up with the last SQLITE_BUSY after `maxWaitMs`; a full or read-only file fails with StorageFaultError.
 */
export async function writeWhenUnlocked<T>(db: Database.Database, write: () => T, maxWaitMs = Number.POSITIVE_INFINITY): Promise<T> {
  const started = Date.now();
  const lock = lockOf(db);
  for (;;) {
    lock.noWait.get();
    try {
      return lock.transaction.immediate(write) as T;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() - started >= maxWaitMs) {
        throw toStorageFault(error, 'read-models', sqliteFaultKind); // a full disk: StorageFaultError
      }
    } finally {
      lock.restore.get();
    }
    await new Promise((resolve) => setTimeout(resolve, WRITE_LOCK_RETRY_MS));
  }
}

/** Per connection, made once (a projector batch runs every few ms): the transaction wrapper and the busy_timeout switches. */
interface WriteLock {
  transaction: Database.Transaction<(write: () => unknown) => unknown>;
  noWait: Database.Statement;
  restore: Database.Statement;
}

const locks = new WeakMap<Database.Database, WriteLock>();

/** The connection's busy_timeout is read on first use and restored after every attempt. */
function lockOf(db: Database.Database): WriteLock {
  let lock = locks.get(db);
  if (!lock) {
    const timeout = Number(db.pragma('busy_timeout', { simple: true }));
    lock = {
      transaction: db.transaction((write: () => unknown) => write()),
      noWait: db.prepare('PRAGMA busy_timeout = 0'),
      restore: db.prepare(`PRAGMA busy_timeout = ${timeout}`),
    };
    locks.set(db, lock);
  }
  return lock;
}
