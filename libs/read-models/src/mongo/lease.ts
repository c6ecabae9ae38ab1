import type { Collection, Db, Filter } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-key';

export const LEASE_COLLECTION = 'leases';

/** One lease per role (`projector`, later `dispatcher`): who holds it and until when. */
export interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * The rule, pure: a lease can be taken when nobody holds it, when it has expired, or when `me` holds it
 * already (a renewal). This is exactly what leaseFilter() asks MongoDB to check atomically.
 */
export function canTakeLease(current: Pick<LeaseDocument, 'owner' | 'expiresAt'> | null, me: string, now: Date): boolean {
  return current === null || current.owner === me || current.expiresAt.getTime() < now.getTime();
}

/** The filter of the acquire/renew findOneAndUpdate; with upsert, a missing document is created. */
export function leaseFilter(role: string, me: string, now: Date): Filter<LeaseDocument> {
  return { _id: role, $or: [{ expiresAt: { $lt: now } }, { owner: me }] };
}

export interface Lease {
  readonly ttlMs: number;
  /** takes or renews the lease for ttlMs from now; false when someone else holds it */
  tryAcquire(): Promise<boolean>;
  /** gives the lease up if we hold it (another instance can take it at once) */
  release(): Promise<void>;
}

/**
 * A lease with expiry in MongoDB. Acquire and renew are one atomic findOneAndUpdate on `{ _id: role }`
 * matching only an expired lease or our own, with upsert: when the document exists and is held by
 * someone else, the upsert's insert collides on `_id` (E11000), which means "not acquired". Expiry
 * uses this process's clock: instances' clocks must agree to well within ttl/3 (NTP).
 */
export class MongoLease implements Lease {
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    db: Db,
    readonly role: string,
    readonly owner: string,
    readonly ttlMs = 15_000,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.leases = db.collection<LeaseDocument>(LEASE_COLLECTION);
  }

  async tryAcquire(): Promise<boolean> {
    const now = this.now();
    try {
      const doc = await this.leases.findOneAndUpdate(
        leaseFilter(this.role, this.owner, now),
        { $set: { owner: this.owner, expiresAt: new Date(now.getTime() + this.ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc?.owner === this.owner;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async release(): Promise<void> {
    await this.leases.deleteOne({ _id: this.role, owner: this.owner });
  }
}

/** What a LeaseRunner starts while it holds the lease (a Projector, later the dispatcher). */
export interface LeasedWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaseRunnerOptions {
  /** how often to try or renew (default ttl/3) */
  intervalMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

/**
 * Runs `work` only while this instance holds the lease: tries every interval (ttl/3), starts the work
 * when the lease is won, renews it, and stops the work as soon as a renewal fails or is refused — and
 * also when no renewal has succeeded for 5/6 of the ttl (a hung server must not leave two instances
 * working once the lease has expired). Another instance takes over within about one ttl after the
 * holder dies.
 */
export class LeaseRunner {
  private timer: NodeJS.Timeout | null = null;
  private guard: NodeJS.Timeout | null = null;
  private working = false;
  private running = false;
  private tick: Promise<void> = Promise.resolve();

  constructor(
    private readonly lease: Lease,
    private readonly work: LeasedWork,
    private readonly options: LeaseRunnerOptions = {},
  ) {}

  get isLeader(): boolean {
    return this.working;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // a renewal stuck on an unreachable server must not hold up the shutdown for longer than a ttl
    await Promise.race([this.tick, new Promise<void>((resolve) => setTimeout(resolve, this.lease.ttlMs).unref())]);
    await this.stopWork('shutting down');
    await this.lease.release().catch((error: unknown) => this.options.log?.('warn', 'could not release the lease', error));
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick = this.attempt().finally(() => {
        if (this.running) this.schedule(this.options.intervalMs ?? Math.max(1, Math.floor(this.lease.ttlMs / 3)));
      });
    }, delayMs);
  }

  private async attempt(): Promise<void> {
    let held = false;
    try {
      held = await this.lease.tryAcquire();
    } catch (error) {
      this.options.log?.('warn', 'lease renewal failed', error);
    }
    if (!this.running) return;
    if (!held) {
      await this.stopWork('lease lost or held by another instance');
      return;
    }
    this.armGuard();
    if (this.working) return;
    try {
      await this.work.start();
      this.working = true;
      this.options.log?.('info', 'lease acquired: work started');
    } catch (error) {
      this.options.log?.('error', 'could not start the leased work', error);
      await this.lease.release().catch(() => undefined);
    }
  }

  private armGuard(): void {
    if (this.guard) clearTimeout(this.guard);
    this.guard = setTimeout(() => void this.stopWork('lease renewal overdue'), Math.floor((this.lease.ttlMs * 5) / 6));
  }

  private async stopWork(reason: string): Promise<void> {
    if (this.guard) clearTimeout(this.guard);
    this.guard = null;
    if (!this.working) return;
    this.working = false;
    this.options.log?.('warn', `work stopped: ${reason}`);
    try {
      await this.work.stop();
    } catch (error) {
      this.options.log?.('error', 'stopping the leased work failed', error);
    }
  }
}
