import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ActionRejection, decideOrderAction, isActive } from '@orders/domain';
import { CONTACT_RESOLVER, type ContactResolver } from '@orders/read-models';
import { ApiError, orderNotFound, validationFailed } from '../../common/problem/api-error';
import { assertIfMatch } from '../conditional/if-match';
import { type AcceptedChange, OrderCommandExecutor } from '../order-command.executor';
import { RequestActionCommand } from './request-action.command';

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

const noContact = (orderId: string): ApiError =>
  new ApiError(422, 'ORDER_HAS_NO_CONTACT', 'Order has no contact', `The contact of order '${orderId}' is not resolved: register it first.`);

/**
 * E7: checks the versionTag against the order stream (not the read model) and the contact against the
 * contact register, then appends `OrderActionRequested` with the version it applies to — through the
 * same write loop as every other change (per-order queue, exact expected revision, Idempotency-Key,
 * If-Match checked as for the other writes to an existing order: after the 404, before the versionTag),
 * so an action that raced a change is re-decided and then a 404 (or a 412).
 */
@CommandHandler(RequestActionCommand)
export class RequestActionHandler implements ICommandHandler<RequestActionCommand, AcceptedChange> {
  constructor(
    private readonly executor: OrderCommandExecutor,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
  ) {}

  execute({ orderId, body, meta }: RequestActionCommand): Promise<AcceptedChange> {
    const { versionTag, ...action } = body;
    return this.executor.run(orderId, { type: 'RequestOrderAction', orderId, body }, meta, async (state) => {
      if (isActive(state)) assertIfMatch(meta.ifMatch, orderId, state.version);
      const decision = decideOrderAction({ type: 'RequestOrderAction', orderId, action, versionTag }, state);
      if (!decision.ok) throw toError(decision.rejection, orderId);
      if (state.order && (await this.contacts.resolveContact(state.order.contact)) === null) throw noContact(orderId);
      return decision.events;
    });
  }
}
