import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '../duplicate-key';
import { LEASE_COLLECTION, type LeaseDocument, MongoLease } from '../lease';

export interface ProjectorHandoverOptions {
  /** role of the live projector's lease (default `projector`, as the service runs it) */
  role?: string;
  /** expiry of the lease while the rebuild holds it, renewed every third of it (default 15 s) */
  ttlMs?: number;
  /** added to the previous holder's expiry before its projector counts as stopped (default 2 s) */
  marginMs?: number;
}

/**
 * Pauses the live projector of the distributed backend by taking its lease. The service runs the
 * projector under a LeaseRunner on the `projector` lease; the rebuild overwrites that lease document
 * with itself as owner. The holder's next renewal is then refused (its upsert collides on `_id`), and
 * the LeaseRunner stops the projector — at the latest when its own guard fires half a ttl after its
 * last successful renewal was sent, i.e. before the expiry that renewal set. So once that expiry (plus a
 * margin) has passed, no live projector writes (and whatever a stalled one still tries is refused: the
 * rebuild takes a new fencing generation right after this takeover, see fence.ts); none can start either, since every instance's renewal
 * is refused while the rebuild renews the lease. Releasing the lease lets the instances elect a
 * projector again (within a third of their ttl); it resumes from the live checkpoint.
 */
export class ProjectorHandover {
  readonly role: string;
  private readonly ttlMs: number;
  private readonly marginMs: number;
  private readonly lease: MongoLease;
  private readonly leases: Collection<LeaseDocument>;
  private lastRenewal = 0;
  private taken = false;

  constructor(
    db: Db,
    private readonly owner: string,
    options: ProjectorHandoverOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.role = options.role ?? 'projector';
    this.ttlMs = options.ttlMs ?? 15_000;
    this.marginMs = options.marginMs ?? 2_000;
    this.lease = new MongoLease(db, this.role, owner, this.ttlMs);
    this.leases = db.collection<LeaseDocument>(LEASE_COLLECTION);
  }

  /**
   * Takes the lease from whoever holds it. Returns the instant from which the previous holder has
   * certainly stopped projecting (now, when nobody held it or it had expired).
   */
  async takeOver(): Promise<Date> {
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      try {
        const previous = await this.leases.findOneAndUpdate(
          { _id: this.role },
          { $set: { owner: this.owner, expiresAt: new Date(now.getTime() + this.ttlMs) } },
          { upsert: true, returnDocument: 'before' },
        );
        this.taken = true;
        this.lastRenewal = now.getTime();
        if (!previous || previous.owner === this.owner || previous.expiresAt.getTime() < now.getTime()) return now;
        return new Date(previous.expiresAt.getTime() + this.marginMs);
      } catch (error) {
        // an instance inserted the lease between our match and our insert: it exists now, take it over
        if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
      }
    }
  }

  /** Renews the lease when a third of its ttl has passed since the last renewal; throws if it was lost. */
  async renewIfDue(): Promise<void> {
    if (this.now().getTime() - this.lastRenewal >= this.ttlMs / 3) await this.renew();
  }

  /** Renews the lease; throws when another instance holds it (ours expired: the rebuild stalled). */
  async renew(): Promise<void> {
    const now = this.now().getTime();
    if (!(await this.lease.tryAcquire())) {
      throw new Error(
        `the '${this.role}' lease was lost while the live projector was paused (the rebuild stalled for over ${this.ttlMs} ms)`,
      );
    }
    this.lastRenewal = now;
  }

  /** ms between renewals */
  get renewEveryMs(): number {
    return Math.max(1, Math.floor(this.ttlMs / 3));
  }

  /** Gives the lease back (if still ours): the instances elect a live projector again. */
  async release(): Promise<void> {
    if (!this.taken) return;
    this.taken = false;
    await this.lease.release();
  }
}
