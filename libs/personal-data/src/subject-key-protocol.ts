import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from '@orders/event-store';

/** What a worker thread serving the subject keys is given (serveSubjectKeys). */
export interface SubjectKeyServerOptions {
  /** the key file (DATA_DIR/subject-keys.sqlite) */
  file: string;
  /** its end of the channel; the other end is the ThreadedSubjectKeyStore's */
  port: MessagePort;
}

/** A SubjectKeyStore method as it crosses the thread boundary ('stats': the server's write counters). */
export type SubjectKeyOperation =
  | { op: 'prepare' }
  | { op: 'lookupSecret' }
  | { op: 'subjectFor'; lookup: string }
  | { op: 'keyOf'; subjectId: string }
  | { op: 'erase'; lookups: string[]; erasedAt: string }
  | { op: 'stats' };

export type SubjectKeyCall = SubjectKeyOperation & { id: number };

/** the calls made in one turn on the calling thread go in one message; 'close' ends the server */
export type SubjectKeyRequest = { t: 'calls'; calls: SubjectKeyCall[] } | { t: 'close' };

export type SubjectKeyOutcome = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** the outcomes of the calls the server handled in one turn (one transaction for their new subjects) */
export interface SubjectKeyReply {
  t: 'done';
  outcomes: SubjectKeyOutcome[];
}

/** A subject on the wire: structured clone turns a Buffer into a Uint8Array. */
export interface WireSubject {
  id: string;
  key: Uint8Array;
}
