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
  /** range statements by their number of stream prefixes and event types */
  private readonly rangeStatements = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {
    const stream = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ?`;
    this.forwards = db.prepare(`${stream} ORDER BY revision ASC LIMIT +?`);
    this.backwards = db.prepare(`${stream} ORDER BY revision DESC LIMIT +?`);
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
    return this.readRange(from, MAX, options, limit ?? -1);
  }

  /**
   * Events with `after < position <= upTo` in position order, at most `limit` (-1: no limit),
   * optionally only from streams starting with one of `streamPrefixes` and of one of `eventTypes`
   * (empty lists: no filter). Rows that do not match are never parsed.
   */
  readRange(after: number, upTo: number, filter: Pick<ReadAllOptions, 'streamPrefixes' | 'eventTypes'>, limit: number): RecordedEvent[] {
    const prefixes = filter.streamPrefixes ?? [];
    const types = filter.eventTypes ?? [];
    const params: unknown[] = [after, upTo];
    for (const prefix of prefixes) {
      const bytes = Buffer.from(prefix, 'utf8');
      params.push(bytes.length, bytes);
    }
    params.push(...types, limit);
    return this.rangeStatement(prefixes.length, types.length)
      .all(...params)
      .map(toRecordedEvent);
  }

  headPosition(): number {
    return this.head.get()?.head ?? 0;
  }

  private rangeStatement(prefixCount: number, typeCount: number): Database.Statement<unknown[], EventRow> {
    const key = `${prefixCount}:${typeCount}`;
    let statement = this.rangeStatements.get(key);
    if (!statement) {
      // Byte-wise prefix comparison: exact (no LIKE wildcards, no collation surprises) and it keeps
      // the planner on the primary key, i.e. a scan in position order that stops at LIMIT, no sort.
      const prefixMatch = Array.from({ length: prefixCount }, () => 'substr(CAST(stream_id AS BLOB), 1, ?) = ?');
      const prefixFilter = prefixCount > 0 ? ` AND (${prefixMatch.join(' OR ')})` : '';
      const typeFilter = typeCount > 0 ? ` AND type IN (${Array.from({ length: typeCount }, () => '?').join(', ')})` : '';
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ?${prefixFilter}${typeFilter} ORDER BY position ASC LIMIT +?`,
      );
      this.rangeStatements.set(key, statement);
    }
    return statement;
  }
}

function optionalCount(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}
