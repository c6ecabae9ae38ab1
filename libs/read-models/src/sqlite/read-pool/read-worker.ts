/**
 * A read-pool worker (see read-pool.ts): one read-only connection to the read-model file, running the
 * statements the pool sends, one at a time. Bundled to read-worker.js next to main.js by the service's
 * webpack build; under vitest, start-worker.ts bundles it on the fly.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { segLower, SQL_LOWER_FUNCTION } from '@orders/segmentation';
import type { ReadReply, ReadRequest, ReadWorkerData } from './read-protocol';

const MAX_CACHED_STATEMENTS = 200;
const { file, nice } = workerData as ReadWorkerData;

// Linux: a thread is a task with its own id and nice value; a lower priority for this thread alone lets the
// request thread win the CPU from long reads (elsewhere, or without /proc, the worker keeps the process's)
try {
  const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(thread, Math.min(19, getPriority(thread) + nice));
} catch {
  /* not Linux: same priority as the request thread */
}
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// the compiled segment SQL calls it; it is also where a terminated worker stops mid-statement
db.function(SQL_LOWER_FUNCTION, { deterministic: true }, segLower as (value: unknown) => string);
const statements = new Map<string, Database.Statement<unknown[]>>();

function statement(sql: string): Database.Statement<unknown[]> {
  let prepared = statements.get(sql);
  if (!prepared) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    prepared = db.prepare<unknown[]>(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

parentPort!.on('message', ({ id, request }: { id: number; request: ReadRequest }) => {
  let reply: ReadReply;
  try {
    reply = { id, ok: true, rows: statement(request.sql).all(...request.params) };
  } catch (error) {
    const { message, code } = error as { message?: string; code?: unknown };
    reply = { id, ok: false, message: String(message), ...(typeof code === 'string' ? { code } : {}) };
  }
  parentPort!.postMessage(reply);
});
