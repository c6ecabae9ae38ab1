import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_CACHE_KIB, setPageCache, sqliteFaultKind, withStorageFaults } from '@orders/event-store';
import {
  type AutomationStore,
  type DeliveryFilter,
  type DeliveryRow,
  type DeliveryState,
  type EndpointRow,
  MAX_ERROR_LENGTH,
  type NewDelivery,
} from '../automation-store.port';

/** The file under DATA_DIR (embedded backend). */
export const AUTOMATIONS_FILE = 'automations.sqlite';

const STATE_SQL: Record<DeliveryState, string> = {
  pending: "status = 'pending' AND attempts = 0",
  retrying: "status = 'pending' AND attempts > 0",
  delivered: "status = 'delivered'",
  dead: "status = 'dead'",
  cancelled: "status = 'cancelled'",
};

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
 * The automation store of the embedded backend, in its own SQLite file (`automations.sqlite` under
 * DATA_DIR, synchronous=FULL): deliveries and the dispatcher's checkpoint commit in one transaction.
 */
export class SqliteAutomationStore implements AutomationStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteAutomationStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    setPageCache(db, PAGE_CACHE_KIB.small);
    db.pragma('secure_delete = ON'); // erased trigger bodies are overwritten in the file (docs/personal-data.md)
    db.exec(SCHEMA);
    // a full disk, a read-only or unreadable file fail its calls with StorageFaultError (store 'automations')
    return withStorageFaults(new SqliteAutomationStore(db), 'automations', sqliteFaultKind);
  }

  async prepare(): Promise<void> {}

  // endpoints

  async addEndpoint(row: EndpointRow): Promise<void> {
    this.db
      .prepare('INSERT INTO automation_endpoints (id, url, secret, actions, created_at_ms) VALUES (?, ?, ?, ?, ?)')
      .run(row.id, row.url, row.secret, row.actions, row.created_at_ms);
  }

  async endpoints(): Promise<EndpointRow[]> {
    return this.db.prepare<[], EndpointRow>('SELECT * FROM automation_endpoints ORDER BY created_at_ms, id').all();
  }

  async endpoint(id: string): Promise<EndpointRow | undefined> {
    return this.db.prepare<[string], EndpointRow>('SELECT * FROM automation_endpoints WHERE id = ?').get(id);
  }

  async removeEndpoint(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM automation_endpoints WHERE id = ?').run(id).changes > 0;
      if (removed)
        this.db
          .prepare("UPDATE automation_deliveries SET status = 'cancelled' WHERE endpoint_id = ? AND status IN ('pending', 'dead')")
          .run(id);
      return removed;
    })();
  }

  // dispatcher

  async checkpoint(name: string): Promise<number> {
    return (
      this.db.prepare<[string], { position: number }>('SELECT position FROM automation_checkpoint WHERE name = ?').get(name)?.position ?? 0
    );
  }

  async enqueue(name: string, deliveries: readonly NewDelivery[], position: number, nowMs: number): Promise<void> {
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

  async dueHeads(nowMs: number, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .prepare<[number, number], DeliveryRow>(
        `SELECT d.* FROM automation_deliveries d
         WHERE d.status = 'pending' AND d.next_attempt_at_ms <= ?
           AND NOT EXISTS (SELECT 1 FROM automation_deliveries e
             WHERE e.status = 'pending' AND e.endpoint_id = d.endpoint_id AND e.order_id = d.order_id AND e.seq < d.seq)
         ORDER BY d.seq LIMIT +?`,
      )
      .all(nowMs, limit);
  }

  async claim(id: string, nowMs: number, untilMs: number): Promise<DeliveryRow | null> {
    return (
      this.db
        .prepare<[number, string, number], DeliveryRow>(
          "UPDATE automation_deliveries SET next_attempt_at_ms = ? WHERE id = ? AND status = 'pending' AND next_attempt_at_ms <= ? RETURNING *",
        )
        .get(untilMs, id, nowMs) ?? null
    );
  }

  async nextDueAt(): Promise<number | null> {
    return (
      this.db
        .prepare<[], { at: number | null }>("SELECT MIN(next_attempt_at_ms) AS at FROM automation_deliveries WHERE status = 'pending'")
        .get()?.at ?? null
    );
  }

  async markDelivered(id: string, nowMs: number): Promise<void> {
    this.db
      .prepare(
        "UPDATE automation_deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL, delivered_at = ? WHERE id = ? AND status = 'pending'",
      )
      .run(new Date(nowMs).toISOString(), id);
  }

  async markFailed(id: string, error: string, retryAtMs: number | null): Promise<void> {
    this.db
      .prepare(
        `UPDATE automation_deliveries SET attempts = attempts + 1, last_error = ?,
           status = CASE WHEN ? IS NULL THEN 'dead' ELSE status END, next_attempt_at_ms = COALESCE(?, next_attempt_at_ms)
         WHERE id = ? AND status = 'pending'`,
      )
      .run(error.slice(0, MAX_ERROR_LENGTH), retryAtMs, retryAtMs, id);
  }

  async cancel(id: string): Promise<void> {
    this.db.prepare("UPDATE automation_deliveries SET status = 'cancelled' WHERE id = ? AND status = 'pending'").run(id);
  }

  // dead letters

  async deadLetters(offset: number, count: number): Promise<{ items: DeliveryRow[]; totalCount: number }> {
    const totalCount =
      this.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM automation_deliveries WHERE status = 'dead'").get()?.n ?? 0;
    const items = this.db
      .prepare<[number, number], DeliveryRow>("SELECT * FROM automation_deliveries WHERE status = 'dead' ORDER BY seq LIMIT +? OFFSET ?")
      .all(count, offset);
    return { items, totalCount };
  }

  async retryDeadLetter(id: string, nowMs: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          "UPDATE automation_deliveries SET status = 'pending', attempts = 0, next_attempt_at_ms = ? WHERE id = ? AND status = 'dead'",
        )
        .run(nowMs, id).changes > 0
    );
  }

  async delivery(id: string): Promise<DeliveryRow | undefined> {
    return this.db.prepare<[string], DeliveryRow>('SELECT * FROM automation_deliveries WHERE id = ?').get(id);
  }

  async pruneSettled(beforeMs: number, limit: number): Promise<number> {
    const before = new Date(beforeMs).toISOString();
    return this.db
      .prepare(
        `DELETE FROM automation_deliveries WHERE seq IN (
           SELECT seq FROM automation_deliveries
           WHERE (status = 'delivered' AND delivered_at < ?) OR (status = 'cancelled' AND created_at < ?) LIMIT +?)`,
      )
      .run(before, before, limit).changes;
  }

  async eraseBodies(orderIds: readonly string[], erase: (body: string) => string): Promise<number> {
    const rows = this.db
      .prepare<[string], { id: string; body: string }>(
        'SELECT id, body FROM automation_deliveries WHERE order_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(orderIds));
    const update = this.db.prepare<[string, string]>('UPDATE automation_deliveries SET body = ? WHERE id = ?');
    this.db.transaction(() => rows.forEach((row) => update.run(erase(row.body), row.id)))();
    return rows.length;
  }

  async deliveries(filter: DeliveryFilter, offset: number, count: number): Promise<{ items: DeliveryRow[]; totalCount: number }> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.state) where.push(STATE_SQL[filter.state]);
    for (const [column, value] of [
      ['endpoint_id', filter.endpointId],
      ['order_id', filter.orderId],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const totalCount =
      this.db.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM automation_deliveries ${clause}`).get(...params)?.n ?? 0;
    const items = this.db
      .prepare<(string | number)[], DeliveryRow>(`SELECT * FROM automation_deliveries ${clause} ORDER BY seq DESC LIMIT +? OFFSET ?`)
      .all(...params, count, offset);
    return { items, totalCount };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
