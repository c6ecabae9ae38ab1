import Database from 'better-sqlite3';
import type { JsonObject } from '@orders/event-store';
import { type PersonalDataCodec, SEALED_FIELD } from '../personal-data-codec';

export interface EncryptEventsResult {
  /** events read */
  events: number;
  /** events whose personal fields were sealed now (the others had none, or were sealed already) */
  sealed: number;
}

interface EventRow {
  position: number;
  stream_id: string;
  type: string;
  data: string;
}

const BATCH = 500;

/**
 * Moves an embedded event log written before encryption to encrypted form, in place: each event with
 * personal fields in clear gets them sealed (docs/personal-data.md), its position, stream, revision, id,
 * metadata and time unchanged, so no order is lost and no read model needs rebuilding. Idempotent (an
 * event sealed already is left). `secure_delete` and a VACUUM, then a WAL checkpoint (TRUNCATE), leave
 * no plaintext in free pages or in the log file. Best run with the service stopped.
 */
export async function encryptSqliteEvents(
  file: string,
  codec: PersonalDataCodec,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<EncryptEventsResult> {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    const total = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const page = db.prepare<[number, number], EventRow>(
      'SELECT position, stream_id, type, data FROM events WHERE position > ? ORDER BY position LIMIT +?',
    );
    const update = db.prepare<[string, number]>('UPDATE events SET data = ? WHERE position = ?');
    let after = 0;
    let events = 0;
    let sealed = 0;
    for (;;) {
      const rows = page.all(after, BATCH);
      if (rows.length === 0) break;
      const changes: [string, number][] = [];
      for (const row of rows) {
        const data = JSON.parse(row.data) as JsonObject;
        if (SEALED_FIELD in data) continue;
        const next = await codec.seal(row.stream_id, { type: row.type, data });
        if (next.data !== data) changes.push([JSON.stringify(next.data), row.position]);
      }
      db.transaction(() => changes.forEach(([data, position]) => update.run(data, position)))();
      events += rows.length;
      sealed += changes.length;
      after = rows.at(-1)!.position;
      onProgress(events, total);
    }
    if (sealed > 0) db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { events, sealed };
  } finally {
    db.close();
  }
}
