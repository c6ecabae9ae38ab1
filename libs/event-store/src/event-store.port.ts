/**
 * The EventStore port. It mirrors EventStoreDB semantics so that the embedded (SQLite) adapter and
 * the EventStoreDB adapter are interchangeable:
 * - stream revisions are 0-based and dense per stream;
 * - every event has a global position, strictly increasing in commit order (> 0);
 * - appends carry an expected revision and fail with {@link WrongExpectedVersionError} otherwise;
 * - appending the very same event ids again at the same expected revision is acknowledged without
 *   writing anything twice (idempotent append).
 */

export type JsonObject = { [key: string]: unknown };

/** `any`: no check; `no_stream`: the stream must not exist; `stream_exists`: it must; a number: its last revision must be exactly that. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventMetadata extends JsonObject {
  /** schema version of the event's data */
  schemaVersion?: number;
  correlationId?: string;
  causationId?: string;
  jobId?: string;
  /** name of the API key that caused the change */
  apiKeyName?: string;
}

export interface NewEvent {
  /** UUID: `newEventId()` (time-ordered), or deterministic when the client gave an idempotency key */
  id: string;
  type: string;
  data: JsonObject;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based revision in its stream */
  revision: number;
  /** global position in the log, > 0, strictly increasing */
  position: number;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  /** ISO 8601 time the event was committed */
  createdAt: string;
}

export interface AppendResult {
  /** the revision of the last event now in the stream (= the revision to expect next time) */
  nextExpectedRevision: number;
  /** global position of the last appended event */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** inclusive start revision; forwards default 0, backwards default the end */
  fromRevision?: number;
  /** inclusive bound: forwards reading stops after this revision */
  toRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** exclusive: only events with position > fromPosition; 0 = from the start */
  fromPosition?: number;
  maxCount?: number;
  /** only events whose stream id starts with one of these prefixes */
  streamPrefixes?: readonly string[];
  /**
   * only events of these types (empty or absent: every type). Filtered before anything reads the
   * events' data, so a reader that wants a rare type does not pay for the others; a subscription
   * reports the positions it read past through `onCheckpoint`.
   */
  eventTypes?: readonly string[];
}

/** Whether an event's type passes `eventTypes` (ReadAllOptions). */
export const matchesEventTypes = (type: string, types: readonly string[] | undefined): boolean =>
  !types || types.length === 0 || types.includes(type);

export interface SubscribeOptions extends ReadAllOptions {
  /** events delivered per batch at most */
  batchSize?: number;
  /**
   * Once live, read at most once per this many ms (default 0: at every commit): the commits made within
   * it are delivered as one batch. A commit after a quiet spell is still read at once, and catching up
   * is never slowed. Fewer, larger batches cost a consumer that writes per batch much less (one
   * transaction instead of one per commit) for at most this much extra lag. The embedded (SQLite)
   * subscription honours it; EventStoreDB pushes events as they come and ignores it.
   */
  liveReadIntervalMs?: number;
}

/**
 * Handler of a catch-up subscription. Called with batches in position order; the next batch is
 * delivered only after the returned promise settles. If it rejects, the subscription stops and
 * `onError` is called.
 */
export interface SubscriptionHandler {
  onEvents(events: RecordedEvent[]): Promise<void> | void;
  /** called when the subscription has delivered everything up to the current head ("live") */
  onCaughtUp?(position: number): void;
  /**
   * Called when the store knows the log is read up to `position` even though no matching event was
   * delivered (e.g. EventStoreDB `checkpointReached` with filters): safe to move a checkpoint.
   */
  onCheckpoint?(position: number): Promise<void> | void;
  onError?(error: unknown): void;
}

export interface Subscription {
  /** stops delivering; resolves when the in-flight batch (if any) has been handled */
  stop(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** the stream's actual last revision, or 'no_stream' */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends Error {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** events of one stream; an unknown stream gives [] */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** the global log in position order */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** position of the last event in the log (0 when empty) */
  headPosition(): Promise<number>;
  /** catch-up subscription over the global log from an exclusive position, then live */
  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
