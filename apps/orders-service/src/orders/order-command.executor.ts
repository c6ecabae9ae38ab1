import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decide,
  foldOrderEvents,
  isActive,
  ORDER_EVENT_SCHEMA_VERSION,
  orderStreamId,
  type OrderCommand,
  type OrderEvent,
  type OrderState,
  type Rejection,
} from '@orders/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, WrongExpectedVersionError } from '@orders/event-store';
import { ApiError, orderNotFound, validationFailed } from '../common/problem/api-error';
import { assertIfMatch } from './conditional/if-match';
import { findIdempotentChange, type IdempotencyScope, idempotentEventId, requestHash } from './idempotency/idempotency';
import { encodeJobId } from './jobs/job-id';
import { KeyedMutex } from './keyed-mutex';

/** Who asked for a change and under which conditions; recorded in every event's metadata. */
export interface CommandMeta {
  correlationId: string;
  apiKeyName?: string;
  /** `Idempotency-Key` of the request (scoped by apiKeyName) */
  idempotencyKey?: string;
  /** raw `If-Match` of the request (ignored for a register) */
  ifMatch?: string;
}

/** The accepted change: its order, the stream revision of its (first) event, and its job. */
export interface AcceptedChange {
  orderId: string;
  revision: number;
  jobId: string;
}

const MAX_ATTEMPTS = 10;

/** Decides a change on the folded order: the events to append, or an ApiError thrown. */
export type OrderDecider = (state: OrderState) => OrderEvent[] | Promise<OrderEvent[]>;

export function rejectionToError(rejection: Rejection, orderId: string): ApiError {
  switch (rejection.code) {
    case 'ORDER_ALREADY_EXISTS':
      return new ApiError(409, 'ORDER_ALREADY_EXISTS', 'Order already exists', `An order with orderId '${orderId}' already exists.`);
    case 'ORDER_NOT_FOUND':
      return orderNotFound(orderId);
    case 'VALIDATION_FAILED':
      return validationFailed(rejection.errors, rejection.message);
  }
}

const keyReused = (detail: string): ApiError => new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', detail);

/**
 * Runs one command against one order stream: load, (idempotent retry?), (If-Match?), decide, append
 * with the exact expected revision (`no_stream` for a new stream); on a version conflict re-read and
 * re-decide. Idempotency needs no table: the change's events carry the scoped key and the request
 * hash in their metadata and get ids derived from the key, so the loaded stream answers a retry.
 */
@Injectable()
export class OrderCommandExecutor {
  private readonly mutex = new KeyedMutex();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(orderId: string, command: OrderCommand, meta: CommandMeta): Promise<AcceptedChange> {
    return this.run(orderId, command, meta, (state) => {
      if (command.type !== 'RegisterOrder' && isActive(state)) assertIfMatch(meta.ifMatch, orderId, state.version);
      const decision = decide(command, state, { now: new Date().toISOString() });
      if (!decision.ok) throw rejectionToError(decision.rejection, orderId);
      return decision.events;
    });
  }

  /**
   * The write loop shared by every change of an order stream: `decideOn` turns the folded state into
   * events or throws an ApiError; `request` (the command as the API understood it) is what an
   * Idempotency-Key retry must match.
   */
  async run(orderId: string, request: unknown, meta: CommandMeta, decideOn: OrderDecider): Promise<AcceptedChange> {
    const streamId = orderStreamId(orderId);
    const scope: IdempotencyScope | null = meta.idempotencyKey
      ? { apiKeyName: meta.apiKeyName ?? '', idempotencyKey: meta.idempotencyKey, requestHash: requestHash(request) }
      : null;
    return this.mutex.run(streamId, () => this.attempt(orderId, streamId, meta, scope, decideOn));
  }

  private async attempt(orderId: string, streamId: string, meta: CommandMeta, scope: IdempotencyScope | null, decideOn: OrderDecider): Promise<AcceptedChange> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const earlier = scope ? findIdempotentChange(recorded, scope) : undefined;
      if (earlier && scope) return replay(orderId, earlier, scope);
      const state = foldOrderEvents(recorded.map((e) => ({ event: { type: e.type, data: e.data } as OrderEvent, revision: e.revision })));
      const decided = await decideOn(state);
      const revision = (state.revision ?? -1) + 1;
      const jobId = encodeJobId(orderId, revision);
      const events = decided.map((event, index) => ({
        id: scope ? idempotentEventId(scope.apiKeyName, scope.idempotencyKey, index) : randomUUID(),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: {
          schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
          correlationId: meta.correlationId,
          causationId: index === 0 ? meta.correlationId : undefined,
          jobId,
          ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}),
          ...(scope ? { idempotencyKey: scope.idempotencyKey, requestHash: scope.requestHash } : {}),
        },
      }));
      try {
        await this.store.appendToStream(streamId, events, { expectedRevision: state.revision ?? 'no_stream' });
        if (scope) await this.assertOwnWrite(streamId, revision, scope);
        return { orderId, revision, jobId };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (scope && idsTakenElsewhere(error, state)) {
          throw keyReused(`The Idempotency-Key '${scope.idempotencyKey}' was already used for a request on another order.`);
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
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

const differentRequest = (scope: IdempotencyScope): ApiError =>
  keyReused(`The Idempotency-Key '${scope.idempotencyKey}' was already used with a different request; use a new key for a new change.`);

/** A retry: the same request gets the original change back (nothing is written); another request a 422. */
function replay(orderId: string, earlier: RecordedEvent, scope: IdempotencyScope): AcceptedChange {
  if (earlier.metadata.requestHash !== scope.requestHash) throw differentRequest(scope);
  return { orderId, revision: earlier.revision, jobId: earlier.metadata.jobId ?? encodeJobId(orderId, earlier.revision) };
}

/**
 * A conflict although the stream is exactly where we read it: the deterministic ids exist in another
 * stream, i.e. the key was used for another order (the embedded store's event ids are unique).
 */
const idsTakenElsewhere = (error: WrongExpectedVersionError, state: OrderState): boolean =>
  error.actual === (state.revision ?? 'no_stream');
