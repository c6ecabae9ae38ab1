import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decide,
  foldOrderEvents,
  ORDER_EVENT_SCHEMA_VERSION,
  orderStreamId,
  type OrderCommand,
  type OrderEvent,
  type Rejection,
} from '@orders/domain';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@orders/event-store';
import { ApiError, orderNotFound, validationFailed } from '../common/problem/api-error';
import { encodeJobId } from './jobs/job-id';
import { KeyedMutex } from './keyed-mutex';

/** Who asked for a change; recorded in every event's metadata. */
export interface CommandMeta {
  correlationId: string;
  apiKeyName?: string;
}

/** The accepted change: its order, the stream revision of its (first) event, and its job. */
export interface AcceptedChange {
  orderId: string;
  revision: number;
  jobId: string;
}

const MAX_ATTEMPTS = 10;

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

/**
 * Runs one command against one order stream: load, decide, append with the exact expected revision
 * (`no_stream` for a new stream); on a version conflict re-read and re-decide.
 */
@Injectable()
export class OrderCommandExecutor {
  private readonly mutex = new KeyedMutex();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(orderId: string, command: OrderCommand, meta: CommandMeta): Promise<AcceptedChange> {
    const streamId = orderStreamId(orderId);
    return this.mutex.run(streamId, () => this.attempt(orderId, streamId, command, meta));
  }

  private async attempt(orderId: string, streamId: string, command: OrderCommand, meta: CommandMeta): Promise<AcceptedChange> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const state = foldOrderEvents(recorded.map((e) => ({ event: { type: e.type, data: e.data } as OrderEvent, revision: e.revision })));
      const decision = decide(command, state, { now: new Date().toISOString() });
      if (!decision.ok) throw rejectionToError(decision.rejection, orderId);
      const revision = (state.revision ?? -1) + 1;
      const jobId = encodeJobId(orderId, revision);
      const events = decision.events.map((event, index) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: {
          schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
          correlationId: meta.correlationId,
          causationId: index === 0 ? meta.correlationId : undefined,
          jobId,
          ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}),
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
