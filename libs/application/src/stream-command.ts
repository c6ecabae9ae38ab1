import { type EventMetadata, type EventStore, newEventId, type RecordedEvent, WrongExpectedVersionError } from '@orders/event-store';
import { idempotencyKeyReused } from './application-error';
import { FoldCache, type FoldCacheLimits, type IdempotentChange } from './fold-cache';
import { eventIdempotencyKey, type IdempotencyScope, idempotentEventId, scopedIdempotencyKey } from './idempotency';
import { KeyedMutex } from './keyed-mutex';

/** An event the decider wants appended. */
export interface DecidedEvent {
  type: string;
  data: object;
}

/** One command on one stream, as {@link StreamCommandRunner.run} executes it. */
export interface StreamCommand<S, R> {
  streamId: string;
  /**
   * The state of the stream from its events, and its last revision (null: no stream); with `from`, the
   * events are those after `from.revision`, folded on from that state. Every command a runner runs on one
   * stream must fold it the same way (the runner keeps folded states between commands).
   */
  fold(events: readonly RecordedEvent[], from?: { state: S; revision: number }): { state: S; revision: number | null };
  /**
   * A retry under an Idempotency-Key: the change an earlier request with this scoped key made is
   * answered again (`replay`) instead of deciding anew; another request under the key is refused.
   */
  idempotency?: { scope: IdempotencyScope; replay(earlier: IdempotentChange): R };
  /** conditions on the state before deciding (If-Match): throws when they do not hold */
  precondition?(state: S): void;
  /** the events to append (none: nothing to write), or throws the refusal */
  decide(state: S): readonly DecidedEvent[] | Promise<readonly DecidedEvent[]>;
  /** the metadata of the `index`-th event; `revision` is the one the first event gets */
  metadata(index: number, revision: number): EventMetadata;
  /** the answer: the state decided on, the revision of the first event appended (or that would have been) and the events */
  accepted(state: S, revision: number, events: readonly DecidedEvent[]): R;
  /** how often a conflict is re-read and re-decided before its error is thrown (default 10) */
  maxAttempts?: number;
  /**
   * The stream most likely does not exist yet (a registration without an Idempotency-Key): the first
   * attempt decides on the empty state without reading the stream and appends with `no_stream`; when the
   * stream exists after all (the conflict), the ordinary loop reads, folds and decides again. Ignored
   * with `idempotency` (a retry must find its earlier change) and when this runner holds a fold of the stream.
   */
  expectNew?: boolean;
}

const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * The write loop every command shares, for order and register streams alike: per stream one command
 * at a time in this process (a keyed mutex), then read, fold, (idempotent retry?), (precondition?),
 * decide, append with the exact expected revision (`no_stream` for a new stream); on a version conflict
 * (another process wrote) re-read and re-decide, a bounded number of times.
 *
 * A new stream is not read at all when the command says it expects none (`expectNew`): the append
 * with `no_stream` is the existence check, and only its conflict costs a read.
 *
 * Reading is incremental: the runner keeps the folded state of recently written streams (a
 * {@link FoldCache}) and reads only the events after the cached revision, so a write costs the same on
 * an order's 500th version as on its first, and the state decided on is never stale (what another
 * process appended is read and folded in first; the exact-revision append catches a race after that).
 *
 * Idempotency needs no table: the change's events carry the scoped key and the request hash in their
 * metadata and get ids derived from the key, so the stream read answers a retry (the folded entry keeps
 * the keys its events carry), and a concurrent duplicate appends the very same ids, which the store
 * acknowledges once.
 */
export class StreamCommandRunner {
  private readonly mutex = new KeyedMutex();
  private readonly cache: FoldCache;

  constructor(
    private readonly store: EventStore,
    limits?: FoldCacheLimits,
  ) {
    this.cache = new FoldCache(limits);
  }

  run<S, R>(command: StreamCommand<S, R>): Promise<R> {
    return this.mutex.run(command.streamId, () => this.attempt(command));
  }

  private async attempt<S, R>(command: StreamCommand<S, R>): Promise<R> {
    const { streamId, idempotency } = command;
    const scope = idempotency?.scope;
    const maxAttempts = command.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    let assumeNew = command.expectNew === true && !scope && !this.cache.has(streamId);
    for (let attempt = 1; ; attempt++) {
      const { state, revision: last, keys } = assumeNew ? { ...command.fold([]), keys: NO_KEYS } : await this.load(command);
      const earlier = scope ? keys.get(scopedIdempotencyKey(scope.apiKeyName, scope.idempotencyKey)) : undefined;
      if (earlier && idempotency) {
        if (earlier.metadata.requestHash !== idempotency.scope.requestHash) throw differentRequest(idempotency.scope);
        return idempotency.replay(earlier);
      }
      command.precondition?.(state);
      const deciding = command.decide(state);
      const decided = deciding instanceof Promise ? await deciding : deciding; // a decider that answers at once costs no turn
      const revision = (last ?? -1) + 1;
      if (decided.length === 0) return command.accepted(state, revision, decided);
      const events = decided.map((event, index) => ({
        id: scope ? idempotentEventId(scope.apiKeyName, scope.idempotencyKey, index) : newEventId(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: {
          ...command.metadata(index, revision),
          // what eventIdempotencyKey reads back, and the request hash a retry is compared with
          ...(scope?.apiKeyName ? { apiKeyName: scope.apiKeyName } : {}),
          ...(scope ? { idempotencyKey: scope.idempotencyKey, requestHash: scope.requestHash } : {}),
        },
      }));
      try {
        await this.store.appendToStream(streamId, events, { expectedRevision: last ?? 'no_stream' });
        if (scope) await this.assertOwnWrite(streamId, revision, scope);
        return command.accepted(state, revision, decided);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // a conflict although the stream is exactly where we read it: the key's deterministic ids
        // exist in another stream, i.e. the key was used for a request on another stream
        if (scope && error.actual === (last ?? 'no_stream')) throw usedElsewhere(scope);
        if (assumeNew) {
          // the stream exists: decide once more on what it holds (e.g. the 409 of a second registration);
          // this extra round does not count as an attempt
          assumeNew = false;
          attempt--;
          continue;
        }
        if (attempt >= maxAttempts) throw error;
      }
    }
  }

  /**
   * The stream folded up to its newest event: from the cached fold plus the events after it, or (nothing
   * cached, or the store's answer does not continue it) from the whole stream; the result is cached.
   */
  private async load<S, R>(
    command: StreamCommand<S, R>,
  ): Promise<{ state: S; revision: number | null; keys: ReadonlyMap<string, IdempotentChange> }> {
    const { streamId } = command;
    const cached = this.cache.get<S>(streamId);
    if (cached) {
      const tail = await this.store.readStream(streamId, { fromRevision: cached.revision + 1 });
      if (tail.length === 0) return cached;
      if (tail[0]!.revision === cached.revision + 1) return this.remember(command, tail, command.fold(tail, cached), cached.keys);
      this.cache.delete(streamId);
    }
    const recorded = await this.store.readStream(streamId);
    return this.remember(command, recorded, command.fold(recorded), new Map());
  }

  private remember<S, R>(
    command: StreamCommand<S, R>,
    events: readonly RecordedEvent[],
    folded: { state: S; revision: number | null },
    known: ReadonlyMap<string, IdempotentChange>,
  ): { state: S; revision: number | null; keys: ReadonlyMap<string, IdempotentChange> } {
    const keys = withKeys(known, events);
    const last = events.at(-1)?.revision;
    if (folded.revision !== null && folded.revision === last) {
      this.cache.set(command.streamId, { state: folded.state, revision: folded.revision, keys });
    }
    return { ...folded, keys };
  }

  /**
   * The store acknowledges an append whose ids are already in place without writing (idempotent
   * append), so a concurrent duplicate from another process lands here too: it is ours only when
   * the event at `revision` carries our request hash.
   */
  private async assertOwnWrite(streamId: string, revision: number, scope: IdempotencyScope): Promise<void> {
    const [event] = await this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (event && event.metadata.requestHash !== scope.requestHash) throw differentRequest(scope);
  }
}

/** `known` and the Idempotency-Keys `events` carry (the first event of each key counts); `known` itself is left as it is. */
function withKeys(known: ReadonlyMap<string, IdempotentChange>, events: readonly RecordedEvent[]): ReadonlyMap<string, IdempotentChange> {
  let keys: Map<string, IdempotentChange> | undefined;
  for (const event of events) {
    const scoped = eventIdempotencyKey(event);
    if (scoped === undefined || known.has(scoped) || keys?.has(scoped)) continue;
    keys ??= new Map(known);
    keys.set(scoped, { revision: event.revision, metadata: event.metadata });
  }
  return keys ?? known;
}

const NO_KEYS: ReadonlyMap<string, IdempotentChange> = new Map();

const differentRequest = (scope: IdempotencyScope) =>
  idempotencyKeyReused(
    `The Idempotency-Key '${scope.idempotencyKey}' was already used with a different request; use a new key for a new change.`,
  );

const usedElsewhere = (scope: IdempotencyScope) =>
  idempotencyKeyReused(`The Idempotency-Key '${scope.idempotencyKey}' was already used for a request on another order.`);
