import {
  type Contact,
  decide,
  decideOrderAction,
  foldOrderEvents,
  isActive,
  ORDER_EVENT_SCHEMA_VERSION,
  orderStreamId,
  toOrderEvents,
  type OrderCommand,
  type OrderEvent,
  type OrderState,
} from '@orders/domain';
import type { EventStore } from '@orders/event-store';
import { orderHasNoContact } from './application-error';
import type { FoldCacheLimits, IdempotentChange } from './fold-cache';
import { idempotencyScope } from './idempotency';
import { assertIfMatch } from './if-match';
import { encodeJobId } from './job-id';
import { rejectionToError } from './rejections';
import { type StreamCommand, StreamCommandRunner } from './stream-command';

/** Who asked for a change and under which conditions; recorded in every event's metadata. */
export interface CommandMeta {
  correlationId: string;
  apiKeyName?: string;
  /** `Idempotency-Key` of the request (scoped by apiKeyName) */
  idempotencyKey?: string;
  /** raw `If-Match` of the request */
  ifMatch?: string;
}

/** The accepted change: its order, the stream revision of its (first) event, and its job. */
export interface AcceptedChange {
  orderId: string;
  revision: number;
  jobId: string;
}

/** The body of an E7 action as the API took it: `{ action, language?, data? }` and the versionTag it applies to. */
export interface ActionRequest {
  action: unknown;
  language?: unknown;
  data?: unknown;
  versionTag: unknown;
}

/** Whether the order's contact resolves to a registered contact (the contact register is not the application's). */
export type ContactCheck = (contact: Contact) => Promise<boolean>;

/** Decides a change on the folded order: the events to append, or throws an ApplicationError. */
type OrderDecider = (state: OrderState) => OrderEvent[] | Promise<OrderEvent[]>;

/** The stream was not at the revision the caller expected; see {@link OrderCommands.executeAt}. */
class NotAtExpectedRevision extends Error {}

const now = (): string => new Date().toISOString();

/**
 * The command side of orders: every change of an order stream (E2, E4, E5, E8, E9, E7's action, the
 * demo loader) goes through {@link StreamCommandRunner}: one command per order at a time, If-Match
 * checked on an existing order, decided by the domain, appended at the exact revision, re-decided
 * on a conflict, an Idempotency-Key retry answered with the original change.
 */
export class OrderCommands {
  private readonly runner: StreamCommandRunner;

  /** `limits`: how many folded orders the write loop keeps between commands (see FoldCache) */
  constructor(store: EventStore, limits?: FoldCacheLimits) {
    this.runner = new StreamCommandRunner(store, limits);
  }

  execute(orderId: string, command: OrderCommand, meta: CommandMeta): Promise<AcceptedChange> {
    return this.run(
      orderId,
      command,
      meta,
      (state) => decideOrder(orderId, command, state),
      (state) => {
        if (command.type !== 'RegisterOrder' && isActive(state)) assertIfMatch(meta.ifMatch, orderId, state.version);
      },
      command.type === 'RegisterOrder',
    );
  }

  /**
   * E7: the versionTag checked against the order stream (not a read model), then the contact, then
   * `OrderActionRequested` with the version it applies to. If-Match is checked as for the other
   * writes to an existing order: after the 404, before the versionTag.
   */
  requestAction(orderId: string, body: ActionRequest, meta: CommandMeta, hasContact: ContactCheck): Promise<AcceptedChange> {
    const { versionTag, ...action } = body;
    const request = { type: 'RequestOrderAction', orderId, body };
    return this.run(
      orderId,
      request,
      meta,
      async (state) => {
        const decision = decideOrderAction({ type: 'RequestOrderAction', orderId, action, versionTag }, state);
        if (!decision.ok) throw rejectionToError(decision.rejection, orderId, 'The action request is not valid.');
        if (state.order && !(await hasContact(state.order.contact))) throw orderHasNoContact(orderId);
        return decision.events;
      },
      (state) => {
        if (isActive(state)) assertIfMatch(meta.ifMatch, orderId, state.version);
      },
    );
  }

  /**
   * The command only while the order stream is at `expected` (null: no stream yet), else nothing is
   * written and the answer is null; for writers that must never touch what someone else wrote.
   * Answers the change and how many events it appended.
   */
  async executeAt(
    orderId: string,
    command: OrderCommand,
    meta: CommandMeta,
    expected: number | null,
  ): Promise<{ change: AcceptedChange; events: number } | null> {
    let events = 0;
    try {
      const change = await this.run(orderId, command, meta, (state) => {
        if (state.revision !== expected) throw new NotAtExpectedRevision();
        const decided = decideOrder(orderId, command, state);
        events = decided.length;
        return decided;
      });
      return { change, events };
    } catch (error) {
      if (error instanceof NotAtExpectedRevision) return null;
      throw error;
    }
  }

  /**
   * `request` (the command as the API understood it) is what an Idempotency-Key retry must match;
   * `expectNew`: a registration, appended with `no_stream` without reading first (see StreamCommand.expectNew).
   */
  private run(
    orderId: string,
    request: unknown,
    meta: CommandMeta,
    decideOn: OrderDecider,
    precondition?: (state: OrderState) => void,
    expectNew = false,
  ) {
    const scope = idempotencyScope(meta, request);
    const command: StreamCommand<OrderState, AcceptedChange> = {
      streamId: orderStreamId(orderId),
      fold: (recorded, from) => {
        const state = foldOrderEvents(toOrderEvents(recorded), from?.state);
        return { state, revision: state.revision };
      },
      ...(scope ? { idempotency: { scope, replay: (earlier: IdempotentChange) => replayed(orderId, earlier) } } : {}),
      ...(precondition ? { precondition } : {}),
      expectNew,
      decide: decideOn,
      metadata: (index, revision) => ({
        schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
        correlationId: meta.correlationId,
        causationId: index === 0 ? meta.correlationId : undefined,
        jobId: encodeJobId(orderId, revision),
        ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}),
      }),
      accepted: (_state, revision) => ({ orderId, revision, jobId: encodeJobId(orderId, revision) }),
    };
    return this.runner.run(command);
  }
}

function decideOrder(orderId: string, command: OrderCommand, state: OrderState): OrderEvent[] {
  const decision = decide(command, state, { now: now() });
  if (!decision.ok) throw rejectionToError(decision.rejection, orderId);
  return decision.events;
}

/** A retry: the original change again (nothing is written). */
const replayed = (orderId: string, earlier: IdempotentChange): AcceptedChange => ({
  orderId,
  revision: earlier.revision,
  jobId: typeof earlier.metadata.jobId === 'string' ? earlier.metadata.jobId : encodeJobId(orderId, earlier.revision),
});
