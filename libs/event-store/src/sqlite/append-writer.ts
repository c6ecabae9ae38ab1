import type Database from 'better-sqlite3';
import { type AppendResult, type ExpectedRevision, WrongExpectedVersionError } from '../event-store.port';

/** An append validated and serialized before it is queued. */
export interface PreparedAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: readonly { id: string; type: string; data: string; metadata: string }[];
}

export type AppendOutcome = { ok: true; result: AppendResult; written: number } | { ok: false; error: unknown };

interface Located {
  stream_id: string;
  revision: number;
  position: number;
}

/**
 * Writes a batch of appends in ONE transaction (BEGIN IMMEDIATE … COMMIT). Each append is checked
 * against the database as already changed by the earlier appends of the batch; an append that fails
 * is rolled back to its own savepoint and only it fails. If the transaction itself fails, it throws.
 */
export class AppendWriter {
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;
  private readonly streamHead: Database.Statement<[string], { revision: number; position: number }>;
  private readonly findEvent: Database.Statement<[string], Located>;
  private readonly insert: Database.Statement<unknown[]>;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT append');
    this.release = db.prepare('RELEASE append');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO append');
    this.streamHead = db.prepare('SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
    this.findEvent = db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?');
    this.insert = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  writeBatch(batch: readonly PreparedAppend[], createdAt: string): AppendOutcome[] {
    this.begin.run();
    try {
      const outcomes = batch.map((append) => this.tryAppend(append, createdAt));
      this.commit.run();
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      throw error;
    }
  }

  private tryAppend(append: PreparedAppend, createdAt: string): AppendOutcome {
    try {
      return this.append(append, createdAt);
    } catch (error) {
      if (!this.db.inTransaction) throw error; // SQLite aborted the whole transaction
      return { ok: false, error };
    }
  }

  private append({ streamId, expected, events }: PreparedAppend, createdAt: string): AppendOutcome {
    const head = this.streamHead.get(streamId);
    const current = head?.revision ?? -1;
    const found = events.map((event) => this.findEvent.get(event.id));
    if (found.some((located) => located !== undefined)) {
      return { ok: true, result: this.acknowledgeRetry(streamId, expected, current, found), written: 0 };
    }
    if (!matches(expected, current)) {
      throw new WrongExpectedVersionError(streamId, expected, current < 0 ? 'no_stream' : current);
    }
    if (events.length === 0) {
      return { ok: true, result: { nextExpectedRevision: current, position: head?.position ?? 0 }, written: 0 };
    }
    let position = 0;
    this.savepoint.run();
    try {
      events.forEach((event, index) => {
        const { lastInsertRowid } = this.insert.run(
          streamId,
          current + 1 + index,
          event.id,
          event.type,
          event.data,
          event.metadata,
          createdAt,
        );
        position = Number(lastInsertRowid);
      });
      this.release.run();
    } catch (error) {
      if (this.db.inTransaction) {
        this.rollbackToSavepoint.run();
        this.release.run();
      }
      throw error;
    }
    return { ok: true, result: { nextExpectedRevision: current + events.length, position }, written: events.length };
  }

  /**
   * Idempotent append: every id already sits in this stream, consecutively, where this append would
   * have put it (`expected + 1`; revision 0 for `no_stream`; anywhere for `any`/`stream_exists`).
   * Then the original result is returned and nothing is written; any other overlap is a conflict.
   */
  private acknowledgeRetry(
    streamId: string,
    expected: ExpectedRevision,
    current: number,
    found: readonly (Located | undefined)[],
  ): AppendResult {
    const first = found[0];
    const last = found[found.length - 1];
    const inPlace =
      first !== undefined &&
      last !== undefined &&
      found.every((at, i) => at !== undefined && at.stream_id === streamId && at.revision === first.revision + i) &&
      (expected === 'no_stream' ? first.revision === 0 : typeof expected === 'number' ? first.revision === expected + 1 : true);
    if (!inPlace) throw new WrongExpectedVersionError(streamId, expected, current < 0 ? 'no_stream' : current);
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}

function matches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current < 0;
    case 'stream_exists':
      return current >= 0;
    default:
      return current === expected;
  }
}
