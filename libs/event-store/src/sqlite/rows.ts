import type Database from 'better-sqlite3';
import type { EventMetadata, JsonObject, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  created_at: string;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, created_at';
const MAX = Number.MAX_SAFE_INTEGER;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    createdAt: row.created_at,
  };
}

/** Read queries over the events table; statements are prepared once and reused. */
export class EventReader {
  private readonly forwards: Database.Statement<unknown[], EventRow>;
  private readonly backwards: Database.Statement<unknown[], EventRow>;
  private readonly head: Database.Statement<[], { head: number | null }>;
  private readonly rangeByPrefixCount = new Map<number, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {
    const stream = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ?`;
    this.forwards = db.prepare(`${stream} ORDER BY revision ASC LIMIT ?`);
    this.backwards = db.prepare(`${stream} ORDER BY revision DESC LIMIT ?`);
    this.head = db.prepare('SELECT MAX(position) AS head FROM events');
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = optionalCount(options.maxCount, 'maxCount');
    const from = optionalCount(options.fromRevision, 'fromRevision');
    const to = optionalCount(options.toRevision, 'toRevision');
    if (limit === 0) return [];
    const rows =
      options.direction === 'backwards'
        ? this.backwards.all(streamId, to ?? 0, from ?? MAX, limit ?? -1)
        : this.forwards.all(streamId, from ?? 0, to ?? MAX, limit ?? -1);
    return rows.map(toRecordedEvent);
  }

  readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    const limit = optionalCount(options.maxCount, 'maxCount');
    if (limit === 0) return [];
    const from = optionalCount(options.fromPosition, 'fromPosition') ?? 0;
    return this.readRange(from, MAX, options.streamPrefixes, limit ?? -1);
  }

  /**
   * Events with `after < position <= upTo` in position order, at most `limit` (-1: no limit),
   * optionally only from streams starting with one of `prefixes` (empty list: no filter).
   */
  readRange(after: number, upTo: number, prefixes: readonly string[] | undefined, limit: number): RecordedEvent[] {
    const list = prefixes ?? [];
    const params: unknown[] = [after, upTo];
    for (const prefix of list) {
      const bytes = Buffer.from(prefix, 'utf8');
      params.push(bytes.length, bytes);
    }
    params.push(limit);
    return this.rangeStatement(list.length)
      .all(...params)
      .map(toRecordedEvent);
  }

  headPosition(): number {
    return this.head.get()?.head ?? 0;
  }

  private rangeStatement(prefixCount: number): Database.Statement<unknown[], EventRow> {
    let statement = this.rangeByPrefixCount.get(prefixCount);
    if (!statement) {
      // Byte-wise prefix comparison: exact (no LIKE wildcards, no collation surprises) and it keeps
      // the planner on the primary key, i.e. a scan in position order that stops at LIMIT, no sort.
      const prefixMatch = Array.from({ length: prefixCount }, () => 'substr(CAST(stream_id AS BLOB), 1, ?) = ?');
      const filter = prefixCount > 0 ? ` AND (${prefixMatch.join(' OR ')})` : '';
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ?${filter} ORDER BY position ASC LIMIT ?`,
      );
      this.rangeByPrefixCount.set(prefixCount, statement);
    }
    return statement;
  }
}

function optionalCount(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}
