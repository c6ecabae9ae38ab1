import type { MessagePort } from 'node:worker_threads';
import { deserializeError, StorageFaultError } from '@orders/event-store';
import type { SubjectWriteStats } from './sqlite/sqlite-subject-key-store';
import type { DataSubject, SubjectKeyStore } from './subject-key-store.port';
import type { SubjectKeyCall, SubjectKeyOperation, SubjectKeyReply, SubjectKeyRequest, WireSubject } from './subject-key-protocol';

/**
 * The channel to a subject-key server (serveSubjectKeys) on another thread, started if need be. Called
 * when the store has none: first use, and after the thread behind the last one stopped. May throw (no
 * thread to be had: the store is closing, say); that call fails, the next one asks again.
 */
export type SubjectKeyConnector = () => MessagePort | Promise<MessagePort>;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Point reads of committed subjects on the calling thread (SqliteSubjectKeyReader): what they find needs no
 * round trip to the server; what they do not (a new subject) goes there.
 */
export interface SubjectKeyReader {
  liveSubject(lookup: string): DataSubject | undefined;
  keyOf(subjectId: string): Buffer | null;
  /** erasures committed to the key file so far (SubjectKeyStore.peekErasures) */
  erasures(): number;
  close(): void;
}

/** How long close() waits for the server to answer what is queued and close its end. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * A SubjectKeyStore whose calls run on another thread (the embedded backend's append worker), so the
 * request thread neither runs the key file's SQLite nor waits for its fsync. The calls made in one turn
 * go in one message, and the server creates the new subjects among them in one transaction; subjectFor()
 * resolves once that transaction is committed. Errors come back as the in-thread store would have thrown
 * them (a StorageFaultError keeps kind and store). When the thread behind the channel stops, the calls in
 * flight fail with StorageFaultError 'unavailable' (whether a new subject was committed is unknown, and
 * harmless: the next call finds it or creates it) and the next call connects again.
 *
 * With a `reader`, a subject that exists and a subject's key are read on this thread (an indexed read of
 * one committed row), so only new subjects, erasure and the store's set-up cross to the server. A read that
 * fails (the file unreadable, say) falls back to the server, which answers or reports the fault as before.
 */
export class ThreadedSubjectKeyStore implements SubjectKeyStore {
  private port: MessagePort | undefined;
  private connecting: Promise<MessagePort> | undefined;
  private readonly pending = new Map<number, Pending>();
  private outgoing: SubjectKeyCall[] = [];
  private nextId = 1;
  private closing: Promise<void> | undefined;
  /** erasures sent and not yet answered */
  private erasing = 0;
  /** channels opened so far (1 after the first call; more after the thread behind one stopped) */
  connections = 0;

  constructor(
    private readonly connect: SubjectKeyConnector,
    private readonly reader?: SubjectKeyReader,
  ) {}

  async prepare(): Promise<void> {
    await this.call({ op: 'prepare' });
  }

  async lookupSecret(): Promise<Buffer> {
    return toBuffer((await this.call({ op: 'lookupSecret' })) as Uint8Array);
  }

  async subjectFor(lookup: string): Promise<DataSubject> {
    const known = this.peekSubject(lookup);
    if (known) return known;
    const subject = (await this.call({ op: 'subjectFor', lookup })) as WireSubject;
    return { id: subject.id, key: toBuffer(subject.key) };
  }

  async keyOf(subjectId: string): Promise<Buffer | null> {
    const read = this.peekKey(subjectId);
    if (read !== undefined) return read;
    const key = (await this.call({ op: 'keyOf', subjectId })) as Uint8Array | null;
    return key && toBuffer(key);
  }

  peekSubject(lookup: string): DataSubject | undefined {
    return this.read((reader) => reader.liveSubject(lookup));
  }

  peekKey(subjectId: string): Buffer | null | undefined {
    return this.read((reader) => reader.keyOf(subjectId));
  }

  /** undefined while an erasure sent from here is in flight (as the reads above), or without a reader */
  peekErasures(): number | undefined {
    return this.read((reader) => reader.erasures());
  }

  async erase(lookups: readonly string[], erasedAt: string): Promise<string[]> {
    this.erasing++; // until it is committed, reads go to the server, after the erase: the calls keep their order
    try {
      return (await this.call({ op: 'erase', lookups: [...lookups], erasedAt })) as string[];
    } finally {
      this.erasing--;
    }
  }

  /** the server's write counters: its subjectFor transactions (one fsync each) and the subjects created */
  async stats(): Promise<SubjectWriteStats> {
    return (await this.call({ op: 'stats' })) as SubjectWriteStats;
  }

  /** Lets the server answer what is queued and close the key file; later calls fail. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.reader?.close();
      this.flush();
      await this.connecting?.catch(() => undefined); // the calls waiting for it are sent first
      const port = this.port;
      if (!port) return;
      const closed = new Promise<void>((done) => port.once('close', () => done()));
      port.ref();
      port.postMessage({ t: 'close' } satisfies SubjectKeyRequest);
      const timer = setTimeout(() => port.close(), CLOSE_TIMEOUT_MS);
      await closed;
      clearTimeout(timer);
    })();
    return this.closing;
  }

  /**
   * the reader's answer; undefined without a reader, once closing, while an erasure is in flight (a read
   * would overtake it), or when the read failed: the server answers then
   */
  private read<T>(read: (reader: SubjectKeyReader) => T): T | undefined {
    if (!this.reader || this.closing || this.erasing > 0) return undefined;
    try {
      return read(this.reader);
    } catch {
      return undefined;
    }
  }

  private call(operation: SubjectKeyOperation): Promise<unknown> {
    if (this.closing) return Promise.reject(new Error('subject key store is closed'));
    const id = this.nextId++;
    // the calls of one event-loop turn (every request read in one poll phase) go as one message: a post wakes
    // the append worker's thread, a context switch on a busy machine (3.6 % of the request thread per request)
    if (this.outgoing.length === 0) setImmediate(() => this.flush());
    this.outgoing.push({ ...operation, id });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** sends the calls of this turn in one message, once there is a channel */
  private flush(): void {
    const calls = this.outgoing;
    if (calls.length === 0) return;
    this.outgoing = [];
    if (this.port) return this.send(this.port, calls);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    this.connecting.then(
      (port) => this.send(port, calls),
      (error: unknown) => calls.forEach((call) => this.settle(call.id, false, unavailable(error))),
    );
  }

  private async open(): Promise<MessagePort> {
    const port = await this.connect();
    this.port = port;
    this.connections++;
    port.on('message', (reply: SubjectKeyReply) => this.receive(port, reply));
    port.on('close', () => this.lost(port, new Error('the subject-key thread stopped')));
    port.unref(); // after on('message'), which refs it: only calls in flight keep the process alive
    return port;
  }

  private send(port: MessagePort, calls: SubjectKeyCall[]): void {
    if (port !== this.port) {
      // the thread stopped before these calls were sent
      for (const call of calls) this.settle(call.id, false, unavailable(new Error('the subject-key thread stopped')));
      return;
    }
    port.ref(); // calls in flight keep the process alive
    port.postMessage({ t: 'calls', calls } satisfies SubjectKeyRequest);
  }

  private receive(port: MessagePort, reply: SubjectKeyReply): void {
    for (const outcome of reply.outcomes) {
      if (outcome.ok) this.settle(outcome.id, true, outcome.value);
      else this.settle(outcome.id, false, deserializeError(outcome.error));
    }
    if (this.pending.size === 0) port.unref();
  }

  private lost(port: MessagePort, error: Error): void {
    if (this.port !== port) return;
    this.port = undefined;
    const failure = unavailable(error);
    for (const id of [...this.pending.keys()]) this.settle(id, false, failure);
  }

  private settle(id: number, ok: boolean, value: unknown): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (ok) pending?.resolve(value);
    else pending?.reject(value);
  }
}

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const unavailable = (cause: unknown): StorageFaultError =>
  new StorageFaultError('unavailable', 'subject-keys', cause instanceof Error ? cause.message : String(cause), { cause });
