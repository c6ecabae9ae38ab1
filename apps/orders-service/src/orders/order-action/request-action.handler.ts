import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ActionRejection, decideOrderAction, foldOrderEvents, ORDER_EVENT_SCHEMA_VERSION, orderStreamId, type OrderEvent } from '@orders/domain';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@orders/event-store';
import { CONTACT_RESOLVER, type ContactResolver } from '@orders/read-models';
import { ApiError, orderNotFound, validationFailed } from '../../common/problem/api-error';
import { findIdempotentChange, requestHash } from '../idempotency/idempotency';
import { encodeJobId } from '../jobs/job-id';
import type { AcceptedChange } from '../order-command.executor';
import { RequestActionCommand } from './request-action.command';

const MAX_ATTEMPTS = 10;

function toError(rejection: ActionRejection, orderId: string): ApiError {
  switch (rejection.code) {
    case 'VALIDATION_FAILED':
      return validationFailed(rejection.errors, 'The action request is not valid.');
    case 'ORDER_NOT_FOUND':
      return orderNotFound(orderId);
    case 'VERSION_TAG_MISMATCH':
      return new ApiError(404, 'VERSION_TAG_MISMATCH', 'Version tag mismatch', `The versionTag is not the current version of order '${orderId}'.`);
  }
}

const keyReused = (key: string): ApiError =>
  new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', `The Idempotency-Key '${key}' was already used with a different request.`);

const noContact = (orderId: string): ApiError =>
  new ApiError(422, 'ORDER_HAS_NO_CONTACT', 'Order has no contact', `The contact of order '${orderId}' is not resolved: register it first.`);

/**
 * E7: checks the versionTag against the order stream (not the read model), the contact against the
 * contact register, then appends `OrderActionRequested` with the version it applies to, at the exact
 * expected revision (a conflict re-reads and re-decides: an action that raced a change is then a 404).
 * An `Idempotency-Key` retry (same key, same request) returns the original job and writes nothing.
 */
@CommandHandler(RequestActionCommand)
export class RequestActionHandler implements ICommandHandler<RequestActionCommand, AcceptedChange> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
  ) {}

  async execute({ orderId, body, meta }: RequestActionCommand): Promise<AcceptedChange> {
    const streamId = orderStreamId(orderId);
    const { versionTag, ...action } = body;
    const scope = meta.idempotencyKey
      ? { apiKeyName: meta.apiKeyName ?? '', idempotencyKey: meta.idempotencyKey, requestHash: requestHash({ type: 'RequestOrderAction', orderId, body }) }
      : null;
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const earlier = scope ? findIdempotentChange(recorded, scope) : undefined;
      if (earlier && scope) {
        // a retry gets the original change back and writes nothing; the key with another request is a 422
        if (earlier.metadata.requestHash !== scope.requestHash) throw keyReused(scope.idempotencyKey);
        return { orderId, revision: earlier.revision, jobId: earlier.metadata.jobId ?? encodeJobId(orderId, earlier.revision) };
      }
      const state = foldOrderEvents(recorded.map((e) => ({ event: { type: e.type, data: e.data } as OrderEvent, revision: e.revision })));
      const decision = decideOrderAction({ type: 'RequestOrderAction', orderId, action, versionTag }, state);
      if (!decision.ok) throw toError(decision.rejection, orderId);
      if (state.order && (await this.contacts.resolveContact(state.order.contact)) === null) throw noContact(orderId);
      const revision = (state.revision ?? -1) + 1;
      const jobId = encodeJobId(orderId, revision);
      const events = decision.events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: {
          schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
          correlationId: meta.correlationId,
          causationId: meta.correlationId,
          jobId,
          ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}),
          ...(scope ? { idempotencyKey: scope.idempotencyKey, requestHash: scope.requestHash } : {}),
        },
      }));
      try {
        await this.store.appendToStream(streamId, events, { expectedRevision: state.revision ?? 'no_stream' });
        return { orderId, revision, jobId };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
