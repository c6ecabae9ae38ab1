/**
 * A read-pool worker (see read-pool.ts): one read-only connection to the read-model file, running the
 * statements the pool sends, one at a time; other requests (history reads) go to the handler it is given.
 * It is the `read` role of the embedded backend's worker threads (libs/backend/src/threads: started by the
 * same launcher as the append and projector workers, which also gives the handler).
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { PAGE_CACHE_KIB, setPageCache } from '@orders/event-store';
import { segLower, SQL_LOWER_FUNCTION } from '@orders/segmentation';
import {
  type HandledReadRequest,
  READ_DEADLINE_PASSED,
  type ReadMessage,
  type ReadReply,
  type ReadRequestHandler,
  type ReadWorkerData,
} from './read-protocol';

const MAX_CACHED_STATEMENTS = 200;
/** seg_lower looks at the clock once in this many calls (a call costs ~0.1 µs, a clock read ~0.04 µs) */
const DEADLINE_CHECK_EVERY = 256;

/**
 * Runs a read worker on `port` (in a worker thread): opens `file` read-only and answers ReadRequests, the
 * SQL ones itself and the others (`kind: 'history'`) with `handle`; without it those are answered with an error.
 */
export function runReadWorker(port: MessagePort, { file, nice }: ReadWorkerData, handle?: ReadRequestHandler): void {
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
  setPageCache(db, PAGE_CACHE_KIB.segments);
  // The compiled segment SQL calls it for the rows it compares: where a statement past its deadline stops
  // (the error ends the statement and frees what it held; the worker and its page cache stay) and where a
  // terminated worker stops mid-statement. A statement without string comparisons never calls it: the pool
  // terminates its worker after a grace (read-pool.ts).
  let deadline = Infinity;
  let calls = 0;
  db.function(SQL_LOWER_FUNCTION, { deterministic: true }, (value: unknown) => {
    if (++calls >= DEADLINE_CHECK_EVERY) {
      calls = 0;
      if (performance.now() > deadline)
        throw Object.assign(new Error('the statement ran past its time budget'), { code: READ_DEADLINE_PASSED });
    }
    return segLower(value) as string;
  });
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

  const failure = (id: number, error: unknown): ReadReply => {
    const { message, code } = error as { message?: string; code?: unknown };
    return { id, ok: false, message: String(message), ...(typeof code === 'string' ? { code } : {}) };
  };
  const handled = (request: HandledReadRequest): Promise<unknown> =>
    handle ? handle(request) : Promise.reject(new Error(`this read worker has no handler for '${request.kind}' requests`));

  port.on('message', ({ id, request, budgetMs }: ReadMessage) => {
    if (id === undefined) {
      // a broadcast (forget): best effort, no answer
      handled(request).catch(() => undefined);
      return;
    }
    if (request.kind !== 'all') {
      // the pool sends a worker its next read only after this one's answer (broadcasts may come in between)
      handled(request).then(
        (value) => {
          try {
            port.postMessage({ id, ok: true, value } satisfies ReadReply);
          } catch (error) {
            port.postMessage(failure(id, error)); // an answer that cannot be cloned (DataCloneError)
          }
        },
        (error: unknown) => port.postMessage(failure(id, error)),
      );
      return;
    }
    let reply: ReadReply;
    deadline = budgetMs === undefined ? Infinity : performance.now() + budgetMs;
    try {
      reply = { id, ok: true, value: statement(request.sql).all(...request.params) };
    } catch (error) {
      reply = failure(id, error);
    } finally {
      deadline = Infinity;
    }
    port.postMessage(reply);
  });
}
