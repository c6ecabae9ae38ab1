import type { MessagePort } from 'node:worker_threads';
import { AppendWriter } from '../sqlite/append-writer';
import { GroupCommitQueue } from '../sqlite/group-commit';
import { openDatabase } from '../sqlite/schema';
import { CommitSignal } from './commit-signal';
import {
  type AppendOutcomeMessage,
  type AppendReply,
  type AppendRequest,
  type AppendWorkerOptions,
  serializeError,
} from './append-protocol';

/**
 * The worker side of the threaded append: its own write connection to the event file and the same
 * group commit as in-thread. Appends that arrive while a commit (and its fsync) runs are queued and
 * written by the next one; the outcomes of a commit go back in one message, with the new head, which is
 * also published on the commit signal when the worker was given one.
 */
export function runAppendWorker(port: MessagePort, options: AppendWorkerOptions): void {
  let db;
  try {
    db = openDatabase({ file: options.file, busyTimeoutMs: options.busyTimeoutMs });
  } catch (error) {
    post(port, { t: 'fatal', error: serializeError(error) });
    return;
  }
  const outbox: AppendOutcomeMessage[] = [];
  let head = 0;
  let scheduled = false;
  const signal = options.commitSignal && new CommitSignal(options.commitSignal);
  const queue = new GroupCommitQueue(
    new AppendWriter(db),
    (committed) => {
      head = Math.max(head, committed);
      signal?.publish(committed); // the projector's worker wakes now, not after a hop through the request thread
    },
    options.groupCommit,
  );
  // a commit settles its appends' promises together: the outcomes are collected and sent once, after them
  const send = (): void => {
    scheduled = false;
    if (outbox.length === 0 && head === 0) return;
    post(port, { t: 'done', outcomes: outbox.splice(0), head, stats: queue.stats() });
    head = 0;
  };
  const settle = (outcome: AppendOutcomeMessage): void => {
    outbox.push(outcome);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(send);
    }
  };
  port.on('message', (request: AppendRequest) => {
    if (request.t === 'close') {
      queue.drain();
      setImmediate(() => {
        send(); // the drained appends' outcomes
        db.close();
        post(port, { t: 'closed' });
        port.close();
      });
      return;
    }
    for (const { id, append } of request.items) {
      queue.enqueue(append).then(
        (result) => settle({ id, ok: true, result }),
        (error: unknown) => settle({ id, ok: false, error: serializeError(error) }),
      );
    }
  });
}

function post(port: MessagePort, reply: AppendReply): void {
  port.postMessage(reply);
}
