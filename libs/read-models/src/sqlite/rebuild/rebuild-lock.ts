import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { RebuildLockedError, type RebuildLockOwner } from '../../progress/rebuild-lock-owner';

interface LockRow {
  owner_pid: number;
  owner_host: string;
  expires_at: number;
}

/**
 * The `rebuild_lock` row of a read-model file: owner pid + host and an expiry, renewed while the
 * rebuild runs, so that two rebuilds never run at once and a crashed one frees the lock by expiring.
 */
export class RebuildLock {
  private readonly token: string;

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS rebuild_lock (
      name TEXT PRIMARY KEY, owner_pid INTEGER NOT NULL, owner_host TEXT NOT NULL, token TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
    this.token = `${process.pid}@${hostname()}#${Math.random().toString(36).slice(2)}`;
  }

  /** the current holder, if the lock is held and not expired */
  static holder(db: Database.Database, name: string, now = Date.now()): RebuildLockOwner | null {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rebuild_lock'").get();
    if (!exists) return null;
    const row = db.prepare<[string], LockRow>('SELECT owner_pid, owner_host, expires_at FROM rebuild_lock WHERE name = ?').get(name);
    return row && row.expires_at > now ? { pid: row.owner_pid, host: row.owner_host, expiresAt: row.expires_at } : null;
  }

  /** Takes the lock or throws {@link RebuildLockedError}. */
  acquire(): void {
    this.db
      .transaction(() => {
        const held = RebuildLock.holder(this.db, this.name, this.now());
        if (held) throw new RebuildLockedError(held);
        this.db
          .prepare('INSERT OR REPLACE INTO rebuild_lock (name, owner_pid, owner_host, token, expires_at) VALUES (?, ?, ?, ?, ?)')
          .run(this.name, process.pid, hostname(), this.token, this.now() + this.ttlMs);
      })
      .immediate();
  }

  /** Extends the expiry; throws if another process took the lock over (ours had expired). */
  renew(): void {
    const { changes } = this.db
      .prepare('UPDATE rebuild_lock SET expires_at = ? WHERE name = ? AND token = ?')
      .run(this.now() + this.ttlMs, this.name, this.token);
    if (changes !== 1) throw new Error(`rebuild lock '${this.name}' was lost (expired and taken over)`);
  }

  release(): void {
    if (this.db.open) this.db.prepare('DELETE FROM rebuild_lock WHERE name = ? AND token = ?').run(this.name, this.token);
  }
}
