import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeVersionTag } from '@orders/domain';
import { ORDER_HISTORY, type OrderHistoryQueries, type OrderViewRecord } from '@orders/read-models';
import { ApiError, orderNotFound, validationFailed } from '../../common/problem/api-error';
import { GetOrderAtQuery } from './get-order-at.query';

export const versionTagNotFound = (orderId: string, tag: string): ApiError =>
  new ApiError(404, 'VERSION_TAG_NOT_FOUND', 'Version not found', `Order '${orderId}' never had versionTag '${tag}'.`);

/**
 * Folds the order stream up to the revision of the versionTag, or up to the last event committed at
 * or before `at`, from the nearest kept snapshot (OrderHistoryReader). Works for deleted orders: their
 * content stays in the stream. Embedded with threads on a read-pool worker, within the caller's budget
 * (QueryBudgetExceededError: 503).
 */
@QueryHandler(GetOrderAtQuery)
export class GetOrderAtHandler implements IQueryHandler<GetOrderAtQuery, OrderViewRecord> {
  constructor(@Inject(ORDER_HISTORY) private readonly history: OrderHistoryQueries) {}

  async execute({ orderId, target, contactId, caller }: GetOrderAtQuery): Promise<OrderViewRecord> {
    const context = { caller };
    const { versionTag, at } = target;
    if (versionTag !== undefined && at !== undefined) {
      const message = 'give either versionTag or at, not both';
      throw validationFailed({ versionTag: [message], at: [message] }, 'versionTag and at cannot be combined.');
    }
    let record: OrderViewRecord | null;
    if (versionTag !== undefined) {
      const revision = decodeVersionTag(orderId, versionTag);
      record = revision === null ? null : await this.history.orderAt(orderId, { revision }, context);
      if (!record) {
        if (!(await this.history.exists(orderId, context))) throw orderNotFound(orderId);
        throw versionTagNotFound(orderId, versionTag);
      }
    } else if (at !== undefined) {
      record = await this.history.orderAt(orderId, { at }, context);
      if (!record) throw orderNotFound(orderId);
    } else {
      throw validationFailed({ versionTag: ['versionTag or at is required'] });
    }
    if (contactId !== undefined && record.contactId !== contactId) throw orderNotFound(orderId);
    return record;
  }
}
