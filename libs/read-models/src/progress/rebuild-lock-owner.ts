/** Who holds a rebuild lock (either backend): `projections status` shows it, a second rebuild is refused naming it. */
export interface RebuildLockOwner {
  pid: number;
  host: string;
  /** epoch ms until which the lock holds unless renewed */
  expiresAt: number;
}

export class RebuildLockedError extends Error {
  readonly code = 'REBUILD_LOCKED';
  constructor(readonly owner: RebuildLockOwner) {
    super(`a rebuild is already running (pid ${owner.pid} on ${owner.host}, lock held until ${new Date(owner.expiresAt).toISOString()})`);
    this.name = 'RebuildLockedError';
  }
}
