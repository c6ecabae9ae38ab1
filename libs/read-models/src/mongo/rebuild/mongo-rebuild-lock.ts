import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Collection, Db, Filter } from 'mongodb';
import { RebuildLockedError, type RebuildLockOwner } from '../../progress/rebuild-lock-owner';
import { isDuplicateKeyError } from '../duplicate-key';
import { leaseFilter } from '../lease';

/** Collection of the rebuild locks (one document per projection). */
export const REBUILD_LOCK_COLLECTION = 'rebuild_locks';

export interface RebuildLockDocument {
  _id: string;
  owner: string;
  pid: number;
  host: string;
  expiresAt: Date;
}

/**
 * The rebuild lock of a projection in MongoDB: a document `{ _id: projection, owner, pid, host,
 * expiresAt }`, taken and renewed with the same atomic rule as the leases (lease.ts: free, expired or
 * ours), renewed every batch, so that two rebuilds never run at once and a crashed one frees the lock
 * by expiring. The counterpart of the embedded `rebuild_lock` row.
 */
export class MongoRebuildLock {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly locks: Collection<RebuildLockDocument>;

  constructor(
    private readonly db: Db,
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.locks = db.collection<RebuildLockDocument>(REBUILD_LOCK_COLLECTION);
  }

  /** the current holder, if the lock is held and not expired */
  static async holder(db: Db, name: string, now = new Date()): Promise<RebuildLockOwner | null> {
    const doc = await db.collection<RebuildLockDocument>(REBUILD_LOCK_COLLECTION).findOne({ _id: name });
    if (!doc || doc.expiresAt.getTime() <= now.getTime()) return null;
    return { pid: doc.pid, host: doc.host, expiresAt: doc.expiresAt.getTime() };
  }

  /** Takes the lock or throws {@link RebuildLockedError}. */
  async acquire(): Promise<void> {
    if (await this.take()) return;
    const held = await MongoRebuildLock.holder(this.db, this.name, this.now());
    // expired between our attempt and the read: someone else will take it, or we try again next time
    throw new RebuildLockedError(held ?? { pid: 0, host: 'unknown', expiresAt: this.now().getTime() });
  }

  /** Extends the expiry; throws if another process took the lock over (ours had expired). */
  async renew(): Promise<void> {
    if (!(await this.take())) throw new Error(`rebuild lock '${this.name}' was lost (expired and taken over)`);
  }

  async release(): Promise<void> {
    await this.locks.deleteOne({ _id: this.name, owner: this.owner });
  }

  private async take(): Promise<boolean> {
    const now = this.now();
    try {
      const doc = await this.locks.findOneAndUpdate(
        leaseFilter(this.name, this.owner, now) as Filter<RebuildLockDocument>,
        { $set: { owner: this.owner, pid: process.pid, host: hostname(), expiresAt: new Date(now.getTime() + this.ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc?.owner === this.owner;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false; // held by another, not expired
      throw error;
    }
  }
}
