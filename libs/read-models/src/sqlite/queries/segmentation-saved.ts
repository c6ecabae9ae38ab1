import type Database from 'better-sqlite3';
import type { SavedSegment, SavedSegmentStore } from '../../segment.port';
import { writeWhenUnlocked } from '../write-lock';

/** a request that saves or deletes waits at most this long for a rebuild's batch to let go of the file */
const HTTP_WRITE_MAX_WAIT_MS = 10_000;

interface Row {
  segment_id: string;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
}

const toSegment = (row: Row): SavedSegment => {
  const definition = JSON.parse(row.definition) as { filter: unknown; having?: unknown };
  return {
    segmentId: row.segment_id,
    name: row.name,
    filter: definition.filter,
    ...(definition.having !== undefined ? { having: definition.having } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

/**
 * Saved segments in the embedded read-model file, as a plain table owned by the segments feature
 * (`saved_segments`). Not event-sourced and not a projection: a rebuild of the read models leaves it
 * alone (it is no part's table), and it is the only copy — back the file up with the event store.
 */
export class SqliteSavedSegmentStore implements SavedSegmentStore {
  private readonly listPage;
  private readonly countAll;
  private readonly getOne;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS saved_segments (
      segment_id TEXT PRIMARY KEY, name TEXT NOT NULL, definition TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
    this.listPage = db.prepare<[number, number], Row>('SELECT * FROM saved_segments ORDER BY name, segment_id LIMIT +? OFFSET ?');
    this.countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM saved_segments');
    this.getOne = db.prepare<[string], Row>('SELECT * FROM saved_segments WHERE segment_id = ?');
    this.upsert = db.prepare<[string, string, string, string, string]>(
      `INSERT INTO saved_segments (segment_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(segment_id) DO UPDATE SET name = excluded.name, definition = excluded.definition, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM saved_segments WHERE segment_id = ?');
  }

  async list(offset: number, count: number): Promise<{ items: SavedSegment[]; totalCount: number }> {
    return { items: this.listPage.all(count, offset).map(toSegment), totalCount: this.countAll.get()?.n ?? 0 };
  }

  async get(segmentId: string): Promise<SavedSegment | null> {
    const row = this.getOne.get(segmentId);
    return row ? toSegment(row) : null;
  }

  async save(segment: SavedSegment): Promise<void> {
    const definition = JSON.stringify({ filter: segment.filter, having: segment.having });
    await writeWhenUnlocked(
      this.db,
      () => this.upsert.run(segment.segmentId, segment.name, definition, segment.createdAt, segment.updatedAt),
      HTTP_WRITE_MAX_WAIT_MS,
    );
  }

  async delete(segmentId: string): Promise<boolean> {
    return writeWhenUnlocked(this.db, () => this.remove.run(segmentId).changes > 0, HTTP_WRITE_MAX_WAIT_MS);
  }
}
