import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_CACHE_KIB, setPageCache, sqliteFaultKind, withStorageFaults } from '@orders/event-store';
import { type DataSubject, KEY_BYTES, type SubjectKeyStore } from '../subject-key-store.port';

/** The file under DATA_DIR that holds the data subjects' keys (never the event store's file). */
export const SUBJECT_KEYS_FILE = 'subject-keys.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subjects (
  id         TEXT PRIMARY KEY,
  lookup     TEXT UNIQUE,
  key        BLOB,
  created_at TEXT NOT NULL,
  erased_at  TEXT
);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS erasures (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL);`;

/** Write transactions of subjectsFor() (each one commit and one fsync) and the subjects they created. */
export interface SubjectWriteStats {
  commits: number;
  created: number;
}

interface SubjectRow {
  id: string;
  key: Buffer | null;
}

const BY_LOOKUP = 'SELECT id, key FROM subjects WHERE lookup = ?';
const BY_ID = 'SELECT id, key FROM subjects WHERE id = ?';
/** how many erasures were committed to the file (any connection's): SubjectKeyStore.peekErasures */
const ERASURES = 'SELECT count FROM erasures WHERE id = 1';
/** the subject of a row, when it is live (an erased subject has no key) */
const liveSubject = (row: SubjectRow | undefined): DataSubject | undefined => (row?.key ? { id: row.id, key: row.key } : undefined);

/**
 * Subject keys in their own SQLite file. `secure_delete` is on, so a destroyed key is overwritten in the
 * file, and erase() checkpoints the WAL (TRUNCATE) so no copy stays in the log file either.
 */
export class SqliteSubjectKeyStore implements SubjectKeyStore {
  private readonly statements;
  /** what subjectsFor() wrote: its write transactions and the subjects they created */
  private readonly counters: SubjectWriteStats = { commits: 0, created: 0 };

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      byLookup: db.prepare<[string], SubjectRow>(BY_LOOKUP),
      byId: db.prepare<[string], SubjectRow>(BY_ID),
      insert: db.prepare<[string, string, Buffer, string]>(
        'INSERT INTO subjects (id, lookup, key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(lookup) DO NOTHING',
      ),
      erase: db.prepare<[string, string], { id: string }>(
        'UPDATE subjects SET key = NULL, lookup = NULL, erased_at = ? WHERE lookup = ? RETURNING id',
      ),
      erasures: db.prepare<[], { count: number }>(ERASURES),
      countErasure: db.prepare('INSERT INTO erasures (id, count) VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET count = count + 1'),
      secret: db.prepare<[string], { value: Buffer }>('SELECT value FROM secrets WHERE name = ?'),
      addSecret: db.prepare<[string, Buffer]>('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING'),
    };
  }

  /** Opens (creating if needed) the key file; ':memory:' for tests. */
  static open(file: string): SubjectKeyStore {
    return SqliteSubjectKeyStore.openFile(file);
  }

  /** open(), typed as this class: the subject-key server (subject-key-server.ts) also uses subjectsFor(). */
  static openFile(file: string): SqliteSubjectKeyStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    setPageCache(db, PAGE_CACHE_KIB.small);
    db.exec(SCHEMA);
    return withStorageFaults(new SqliteSubjectKeyStore(db), 'subject-keys', sqliteFaultKind);
  }

  async prepare(): Promise<void> {}

  async lookupSecret(): Promise<Buffer> {
    this.statements.addSecret.run('lookup', randomBytes(KEY_BYTES));
    return this.statements.secret.get('lookup')!.value;
  }

  async subjectFor(lookup: string): Promise<DataSubject> {
    return this.subjectsFor([lookup])[0]!;
  }

  /**
   * The live subjects of these lookups, in their order. Those missing are created (ON CONFLICT: one per
   * lookup, across connections too) in one IMMEDIATE transaction, so one commit and one fsync however
   * many are new; lookups all found take no write lock.
   */
  subjectsFor(lookups: readonly string[]): DataSubject[] {
    const live = (lookup: string): DataSubject | undefined => this.peekSubject(lookup);
    const found = lookups.map(live);
    if (found.every((subject) => subject !== undefined)) return found as DataSubject[];
    const subjects = this.db
      .transaction(() =>
        lookups.map((lookup, i) => {
          const known = found[i] ?? live(lookup);
          if (known) return known;
          const { changes } = this.statements.insert.run(randomUUID(), lookup, randomBytes(KEY_BYTES), new Date().toISOString());
          this.counters.created += changes;
          return live(lookup)!;
        }),
      )
      .immediate();
    this.counters.commits++;
    return subjects;
  }

  /** counters of subjectsFor()'s writes since this connection was opened */
  writeStats(): SubjectWriteStats {
    return { ...this.counters };
  }

  async keyOf(subjectId: string): Promise<Buffer | null> {
    return this.peekKey(subjectId);
  }

  peekSubject(lookup: string): DataSubject | undefined {
    return liveSubject(this.statements.byLookup.get(lookup));
  }

  peekKey(subjectId: string): Buffer | null {
    return this.statements.byId.get(subjectId)?.key ?? null;
  }

  peekErasures(): number {
    return this.statements.erasures.get()?.count ?? 0;
  }

  async erase(lookups: readonly string[], erasedAt: string): Promise<string[]> {
    const ids = this.db.transaction(() => {
      this.statements.countErasure.run();
      return lookups.flatMap((lookup) => this.statements.erase.all(erasedAt, lookup).map((row) => row.id));
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return ids;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * A read-only connection to the key file for the request thread (embedded backend with threads, under a
 * ThreadedSubjectKeyStore): a known subject's lookup and a subject's key are indexed point reads of committed
 * (so durable) rows, answered here instead of by a round trip to the append worker, which stays the only
 * writer (new subjects, erasure) and the place of the fsync. Reads of one row, like the event store's
 * `readStream` of one order on this thread.
 */
export class SqliteSubjectKeyReader {
  private readonly byLookup;
  private readonly byId;
  /** prepared on first use: a file made by an older version gets the table when the writer opens it */
  private byErasures: Database.Statement<[], { count: number }> | undefined;

  private constructor(private readonly db: Database.Database) {
    this.byLookup = db.prepare<[string], SubjectRow>(BY_LOOKUP);
    this.byId = db.prepare<[string], SubjectRow>(BY_ID);
  }

  /** Opens the key file read-only; it must exist with its schema (SqliteSubjectKeyStore.open creates both). */
  static open(file: string): SqliteSubjectKeyReader {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    setPageCache(db, PAGE_CACHE_KIB.small);
    return new SqliteSubjectKeyReader(db);
  }

  /** the live subject of a lookup; undefined when there is none (yet) or it was erased */
  liveSubject(lookup: string): DataSubject | undefined {
    return liveSubject(this.byLookup.get(lookup));
  }

  /** the key of a subject; null once erased (or never known), as SubjectKeyStore.keyOf */
  keyOf(subjectId: string): Buffer | null {
    return this.byId.get(subjectId)?.key ?? null;
  }

  /** erasures committed so far, as SubjectKeyStore.peekErasures; throws while the file has no such table yet */
  erasures(): number {
    this.byErasures ??= this.db.prepare<[], { count: number }>(ERASURES);
    return this.byErasures.get()?.count ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
