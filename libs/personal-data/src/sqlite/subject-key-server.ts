import type { MessagePort } from 'node:worker_threads';
import { serializeError, sqliteFaultKind, toStorageFault } from '@orders/event-store';
import type { SubjectKeyCall, SubjectKeyOutcome, SubjectKeyReply, SubjectKeyRequest, WireSubject } from '../subject-key-protocol';
import { SqliteSubjectKeyStore } from './sqlite-subject-key-store';

export interface SubjectKeyServer {
  /** answers what is queued, closes the key file and the port */
  close(): void;
}

type SubjectForCall = Extract<SubjectKeyCall, { op: 'subjectFor' }>;

/**
 * The worker side of ThreadedSubjectKeyStore: its own connection to the key file, serving the calls
 * that arrive on `port`. The calls that arrive in one turn are answered together, and the subjectFor()
 * calls among them share one transaction (SqliteSubjectKeyStore.subjectsFor): one commit and one fsync
 * for every subject created in that turn, and each answer is sent only after that commit. Calls are
 * handled in the order they were made. The port is unref'd: the thread's own work decides when it ends
 * (the backend runs this next to the append worker's group commit, and closes it with that). The file
 * is opened on the first call; when it cannot be, every call fails with that error.
 */
export function serveSubjectKeys(port: MessagePort, file: string): SubjectKeyServer {
  let store: SqliteSubjectKeyStore | undefined;
  let openFailure: unknown;
  let queue: SubjectKeyCall[] = [];
  let scheduled = false;
  let closed = false;

  // opened on the first call: a thread that hosts the server but is never asked creates no file
  const opened = (): SqliteSubjectKeyStore => {
    if (!store && openFailure === undefined) {
      try {
        store = SqliteSubjectKeyStore.openFile(file);
      } catch (error) {
        openFailure = toStorageFault(error, 'subject-keys', sqliteFaultKind);
      }
    }
    if (!store) throw openFailure;
    return store;
  };

  const answer = async (call: Exclude<SubjectKeyCall, SubjectForCall>): Promise<unknown> => {
    switch (call.op) {
      case 'prepare':
        return void opened();
      case 'lookupSecret':
        return new Uint8Array(await opened().lookupSecret());
      case 'keyOf': {
        const key = await opened().keyOf(call.subjectId);
        return key && new Uint8Array(key);
      }
      case 'erase':
        return opened().erase(call.lookups, call.erasedAt);
      case 'stats':
        return opened().writeStats();
    }
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    const calls = queue;
    queue = [];
    const outcomes: SubjectKeyOutcome[] = [];
    for (let i = 0; i < calls.length;) {
      const call = calls[i]!;
      if (call.op !== 'subjectFor') {
        try {
          outcomes.push({ id: call.id, ok: true, value: await answer(call) });
        } catch (error) {
          outcomes.push({ id: call.id, ok: false, error: serializeError(error) });
        }
        i++;
        continue;
      }
      // a run of subjectFor calls: one transaction for all of them
      let end = i;
      while (calls[end]?.op === 'subjectFor') end++;
      const run = calls.slice(i, end) as SubjectForCall[];
      try {
        const subjects = opened().subjectsFor(run.map((each) => each.lookup));
        run.forEach((each, n) => {
          const value: WireSubject = { id: subjects[n]!.id, key: new Uint8Array(subjects[n]!.key) };
          outcomes.push({ id: each.id, ok: true, value });
        });
      } catch (error) {
        const failure = serializeError(error);
        for (const each of run) outcomes.push({ id: each.id, ok: false, error: failure });
      }
      i = end;
    }
    if (outcomes.length > 0) port.postMessage({ t: 'done', outcomes } satisfies SubjectKeyReply);
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await flush();
    await store?.close();
    port.close();
  };

  port.on('message', (request: SubjectKeyRequest) => {
    if (closed) return;
    if (request.t === 'close') return void close();
    queue.push(...request.calls);
    if (!scheduled) {
      scheduled = true;
      // after every message already waiting on the port (and whatever the thread did meanwhile, an fsync say)
      setImmediate(() => void flush());
    }
  });
  port.unref(); // after on('message'), which refs it
  return { close: () => void close() };
}
