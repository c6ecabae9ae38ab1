import { type AppendResult, type ExpectedRevision, WrongExpectedVersionError } from '../event-store.port';
import type { PreparedAppend } from '../sqlite/append-writer';
import type { GroupCommitLimits, GroupCommitStats } from '../sqlite/group-commit';
import { StorageFaultError, type StorageFaultKind } from '../storage-fault';

/** What the append worker is started with (workerData). */
export interface AppendWorkerOptions {
  file: string;
  busyTimeoutMs?: number;
  groupCommit: GroupCommitLimits;
  /** a CommitSignal's buffer: each commit's head is published there too, for the projector's worker */
  commitSignal?: SharedArrayBuffer;
}

/** An error as it crosses the thread boundary: structured clone keeps neither the class nor `code`. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  streamId?: string;
  expected?: ExpectedRevision;
  actual?: number | 'no_stream';
  kind?: StorageFaultKind;
  store?: string;
}

export type AppendRequest = { t: 'append'; items: { id: number; append: PreparedAppend }[] } | { t: 'close' };

export type AppendOutcomeMessage = { id: number; ok: true; result: AppendResult } | { id: number; ok: false; error: SerializedError };

export type AppendReply =
  /** the outcomes of one or more group commits; `head` > 0 when events were written */
  | { t: 'done'; outcomes: AppendOutcomeMessage[]; head: number; stats: GroupCommitStats }
  /** the queue is drained and the file closed */
  | { t: 'closed' }
  /** the file could not be opened: every append fails with this */
  | { t: 'fatal'; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof WrongExpectedVersionError) {
    const { name, message, code, streamId, expected, actual } = error;
    return { name, message, code, streamId, expected, actual };
  }
  if (error instanceof StorageFaultError) {
    const { name, message, code, kind, store } = error;
    return { name, message, code, kind, store };
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The error again, as the in-thread store would have thrown it (SQLite's `code` kept for the fault classifier). */
export function deserializeError(error: SerializedError): Error {
  if (error.name === 'WrongExpectedVersionError' && error.streamId !== undefined && error.expected !== undefined) {
    return new WrongExpectedVersionError(error.streamId, error.expected, error.actual ?? 'no_stream');
  }
  if (error.name === 'StorageFaultError' && error.kind !== undefined && error.store !== undefined) {
    return Object.assign(new StorageFaultError(error.kind, error.store, ''), { message: error.message });
  }
  const restored = new Error(error.message) as Error & { code?: string };
  restored.name = error.name;
  if (error.code !== undefined) restored.code = error.code;
  return restored;
}
