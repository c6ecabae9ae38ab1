import type { Collection, Db, Document, Filter } from 'mongodb';

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

/** canTakeLease as a MongoDB filter against a given instant (the rebuild lock's rule, on the caller's clock). */
export function leaseFilter(role: string, me: string, now: Date): Filter<LeaseDocument> {
  return { _id: role, $or: [{ expiresAt: { $lt: now } }, { owner: me }] };
}

export interface Lease {
  readonly ttlMs: number;
  /** takes or renews the lease for ttlMs from the server's now; false when someone else holds it */
  tryAcquire(): Promise<boolean>;
  /** gives the lease up if we hold it (another instance can take it at once) */
  release(): Promise<void>;
}

/**
 * The acquire/renew update pipeline, evaluated by MongoDB on its own clock (`$$NOW`): when the lease is
 * free (no owner yet: just upserted), ours, or expired, it becomes ours until `$$NOW + ttl`; otherwise
 * the document is left as it is. Instances' clocks play no part in who holds the lease.
 */
export function leaseUpdate(me: string, ttlMs: number): Document[] {
  const takeable = {
    $or: [{ $eq: [{ $type: '$owner' }, 'missing'] }, { $eq: ['$owner', me] }, { $lt: ['$expiresAt', '$$NOW'] }],
  };
  return [
    {
      $set: {
        owner: { $cond: [takeable, me, '$owner'] },
        expiresAt: { $cond: [takeable, { $add: ['$$NOW', ttlMs] }, '$expiresAt'] },
      },
    },
  ];
}

/**
 * A lease with expiry in MongoDB, on the server's clock. Acquire and renew are one atomic
 * findOneAndUpdate on `{ _id: role }` with upsert and the leaseUpdate() pipeline: the answer (the
 * document after the update) says who holds it. The expiry is `$$NOW + ttl` of the server, taken after
 * our request was sent: the LeaseRunner counts its guard from the moment it sent the request, so it stops
 * before that expiry whatever the round trip, and clock skew between instances does not matter.
 */
export class MongoLease implements Lease {
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    db: Db,
    readonly role: string,
    readonly owner: string,
    readonly ttlMs = 15_000,
  ) {
    this.leases = db.collection<LeaseDocument>(LEASE_COLLECTION);
  }

  async tryAcquire(): Promise<boolean> {
    const doc = await this.leases.findOneAndUpdate({ _id: this.role }, leaseUpdate(this.owner, this.ttlMs), {
      upsert: true,
      returnDocument: 'after',
    });
    return doc?.owner === this.owner;
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
 * also, through a guard timer, half a ttl after the moment the last successful renewal was SENT (the
 * server's expiry is at least a full ttl after that moment, whatever the round trip; the other half is
 * the margin for a stalled event loop or a GC pause delaying the timer). Stopping abandons the
 * in-flight batch: its writes are fenced (fence.ts) once another instance has claimed the projection.
 * Another instance takes over within about one ttl after the holder dies.
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
    const sentAt = Date.now(); // the guard counts from here: the server's expiry is later than sentAt + ttl
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
    if (!this.armGuard(sentAt)) return;
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

  /** arms the guard for ttl/2 after `sentAt`; false (and the work stopped) when that moment has already passed */
  private armGuard(sentAt: number): boolean {
    if (this.guard) clearTimeout(this.guard);
    const delay = sentAt + Math.floor(this.lease.ttlMs / 2) - Date.now();
    if (delay <= 0) {
      void this.stopWork('lease answer came too late to rely on');
      return false;
    }
    this.guard = setTimeout(() => void this.stopWork('lease renewal overdue'), delay);
    return true;
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
