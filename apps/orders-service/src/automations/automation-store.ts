import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface EndpointRow {
  id: string;
  url: string;
  secret: string;
  /** JSON array of action names, or null for every action */
  actions: string | null;
  created_at_ms: number;
}

export interface DeliveryRow {
  seq: number;
  id: string;
  endpoint_id: string;
  order_id: string;
  trigger_id: string;
  action: string;
  body: string;
  status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  attempts: number;
  next_attempt_at_ms: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  orderId: string;
  triggerId: string;
  action: string;
  body: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS automation_endpoints (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, actions TEXT, created_at_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS automation_deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    endpoint_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    trigger_id TEXT NOT NULL,
    action TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    UNIQUE (trigger_id, endpoint_id)
  );
  CREATE INDEX IF NOT EXISTS automation_deliveries_lane ON automation_deliveries (status, endpoint_id, order_id, seq);
  CREATE INDEX IF NOT EXISTS automation_deliveries_due ON automation_deliveries (status, next_attempt_at_ms);
  CREATE TABLE IF NOT EXISTS automation_checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL);`;

/**
 * The durable side of automations, in its own SQLite file (`automations.sqlite` under DATA_DIR):
 * the endpoints, the outbox of deliveries (one row per trigger and endpoint, with its state) and the
 * dispatcher's checkpoint in the log, committed together with the deliveries it created.
 */
export class AutomationStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): AutomationStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new AutomationStore(db);
  }

  // endpoints

  addEndpoint(row: EndpointRow): void {
    this.db.prepare('INSERT INTO automation_endpoints (id, url, secret, actions, created_at_ms) VALUES (?, ?, ?, ?, ?)').run(
      row.id, row.url, row.secret, row.actions, row.created_at_ms,
    );
  }

  endpoints(): EndpointRow[] {
    return this.db.prepare<[], EndpointRow>('SELECT * FROM automation_endpoints ORDER BY created_at_ms, id').all();
  }

  endpoint(id: string): EndpointRow | undefined {
    return this.db.prepare<[string], EndpointRow>('SELECT * FROM automation_endpoints WHERE id = ?').get(id);
  }

  /** Removes the endpoint and cancels what it has not received yet. */
  removeEndpoint(id: string): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM automation_endpoints WHERE id = ?').run(id).changes > 0;
      if (removed) this.db.prepare("UPDATE automation_deliveries SET status = 'cancelled' WHERE endpoint_id = ? AND status IN ('pending', 'dead')").run(id);
      return removed;
    })();
  }

  // dispatcher

  checkpoint(name: string): number {
    return this.db.prepare<[string], { position: number }>('SELECT position FROM automation_checkpoint WHERE name = ?').get(name)?.position ?? 0;
  }

  /** Enqueues deliveries (a trigger already enqueued for an endpoint is kept as it is) and moves the checkpoint, atomically. */
  enqueue(name: string, deliveries: readonly NewDelivery[], position: number, nowMs: number): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO automation_deliveries (id, endpoint_id, order_id, trigger_id, action, body, status, next_attempt_at_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    const move = this.db.prepare(
      'INSERT INTO automation_checkpoint (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = MAX(position, excluded.position)',
    );
    this.db.transaction(() => {
      const createdAt = new Date(nowMs).toISOString();
      for (const d of deliveries) insert.run(d.id, d.endpointId, d.orderId, d.triggerId, d.action, d.body, nowMs, createdAt);
      move.run(name, position);
    })();
  }

  // delivery

  /** Pending deliveries that are due and first in their lane (endpoint × order), oldest first. */
  dueHeads(nowMs: number, limit: number): DeliveryRow[] {
    return this.db
      .prepare<[number, number], DeliveryRow>(
        `SELECT d.* FROM automation_deliveries d
         WHERE d.status = 'pending' AND d.next_attempt_at_ms <= ?
           AND NOT EXISTS (SELECT 1 FROM automation_deliveries e
             WHERE e.status = 'pending' AND e.endpoint_id = d.endpoint_id AND e.order_id = d.order_id AND e.seq < d.seq)
         ORDER BY d.seq LIMIT ?`,
      )
      .all(nowMs, limit);
  }

  /** When the earliest pending delivery is due (ms epoch), or null. */
  nextDueAt(): number | null {
    return this.db.prepare<[], { at: number | null }>("SELECT MIN(next_attempt_at_ms) AS at FROM automation_deliveries WHERE status = 'pending'").get()?.at ?? null;
  }

  markDelivered(id: string, nowMs: number): void {
    this.db
      .prepare("UPDATE automation_deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL, delivered_at = ? WHERE id = ? AND status = 'pending'")
      .run(new Date(nowMs).toISOString(), id);
  }

  /** Records a failed attempt: retried at `retryAtMs`, or dead-lettered when that is null. */
  markFailed(id: string, error: string, retryAtMs: number | null): void {
    this.db
      .prepare(
        `UPDATE automation_deliveries SET attempts = attempts + 1, last_error = ?,
           status = CASE WHEN ? IS NULL THEN 'dead' ELSE status END, next_attempt_at_ms = COALESCE(?, next_attempt_at_ms)
         WHERE id = ? AND status = 'pending'`,
      )
      .run(error.slice(0, 500), retryAtMs, retryAtMs, id);
  }

  // dead letters

  deadLetters(offset: number, count: number): { items: DeliveryRow[]; totalCount: number } {
    const totalCount = this.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM automation_deliveries WHERE status = 'dead'").get()?.n ?? 0;
    const items = this.db
      .prepare<[number, number], DeliveryRow>("SELECT * FROM automation_deliveries WHERE status = 'dead' ORDER BY seq LIMIT ? OFFSET ?")
      .all(count, offset);
    return { items, totalCount };
  }

  /** Puts a dead letter back in its lane with fresh attempts; false when there is no such dead letter. */
  retryDeadLetter(id: string, nowMs: number): boolean {
    return (
      this.db
        .prepare("UPDATE automation_deliveries SET status = 'pending', attempts = 0, next_attempt_at_ms = ? WHERE id = ? AND status = 'dead'")
        .run(nowMs, id).changes > 0
    );
  }

  delivery(id: string): DeliveryRow | undefined {
    return this.db.prepare<[string], DeliveryRow>('SELECT * FROM automation_deliveries WHERE id = ?').get(id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
