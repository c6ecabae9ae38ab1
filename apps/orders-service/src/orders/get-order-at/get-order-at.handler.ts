import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeVersionTag, orderStreamId } from '@orders/domain';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { orderAt, type OrderViewRecord } from '@orders/read-models';
import { ApiError, orderNotFound, validationFailed } from '../../common/problem/api-error';
import { GetOrderAtQuery } from './get-order-at.query';

export const versionTagNotFound = (orderId: string, tag: string): ApiError =>
  new ApiError(404, 'VERSION_TAG_NOT_FOUND', 'Version not found', `Order '${orderId}' never had versionTag '${tag}'.`);

/**
 * Folds the order stream up to the revision of the versionTag, or up to the last event committed at
 * or before `at`. Works for deleted orders: their content stays in the stream.
 */
@QueryHandler(GetOrderAtQuery)
export class GetOrderAtHandler implements IQueryHandler<GetOrderAtQuery, OrderViewRecord> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ orderId, target, contactId }: GetOrderAtQuery): Promise<OrderViewRecord> {
    const { versionTag, at } = target;
    if (versionTag !== undefined && at !== undefined) {
      const message = 'give either versionTag or at, not both';
      throw validationFailed({ versionTag: [message], at: [message] }, 'versionTag and at cannot be combined.');
    }
    const streamId = orderStreamId(orderId);
    let record: OrderViewRecord | null;
    if (versionTag !== undefined) {
      const revision = decodeVersionTag(orderId, versionTag);
      const events = revision === null ? [] : await this.store.readStream(streamId, { toRevision: revision });
      record = revision === null ? null : orderAt(events, { revision });
      if (!record) {
        if (events.length === 0 && (await this.store.readStream(streamId, { maxCount: 1 })).length === 0) throw orderNotFound(orderId);
        throw versionTagNotFound(orderId, versionTag);
      }
    } else if (at !== undefined) {
      record = orderAt(await this.store.readStream(streamId), { at });
      if (!record) throw orderNotFound(orderId);
    } else {
      throw validationFailed({ versionTag: ['versionTag or at is required'] });
    }
    if (contactId !== undefined && record.contactId !== contactId) throw orderNotFound(orderId);
    return record;
  }
}
