import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface StoredEvent {
  streamId: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  data: Record<string, any>;
  metadata: Record<string, any>;
  createdAt: string;
}

interface Row {
  stream_id: string;
  revision: number;
  position: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  created_at: string;
}

/** Reads the embedded event store file directly (read-only; fine while the service runs: WAL). */
export function readEventFile(dataDir: string, where: { streamId?: string } = {}): StoredEvent[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = where.streamId
      ? db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(where.streamId)
      : db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
    return rows.map((row) => ({
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      id: row.event_id,
      type: row.type,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
      createdAt: row.created_at,
    }));
  } finally {
    db.close();
  }
}

/** Position of the last event (0 when none) and the projector's checkpoint, read-only. */
export function projectionProgress(dataDir: string): { head: number; checkpoint: number } {
  const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  const reads = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const head = events.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events').get()?.head ?? 0;
    const checkpoint =
      reads.prepare<[], { position: number }>("SELECT position FROM projection_checkpoints WHERE name = 'orders'").get()?.position ?? 0;
    return { head, checkpoint };
  } finally {
    events.close();
    reads.close();
  }
}

/** Waits (bounded) until the projector has applied every event in the log. */
export async function waitForProjection(dataDir: string, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { head, checkpoint } = projectionProgress(dataDir);
    if (checkpoint >= head) return head;
    if (Date.now() - started > timeoutMs) throw new Error(`projection at ${checkpoint}, log head ${head} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
