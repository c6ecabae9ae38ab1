import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AcceptedChange, OrderCommands } from '@orders/application';
import { CONTACT_RESOLVER, type ContactResolver } from '@orders/read-models';
import { RequestActionCommand } from './request-action.command';

/**
 * E7: the action through the same write loop as every other change (per-order queue, exact expected
 * revision, Idempotency-Key, If-Match), decided by @orders/application; the order's contact is checked
 * against the contact register here, so an action that raced a change is re-decided and then a 404 (or a 412).
 */
@CommandHandler(RequestActionCommand)
export class RequestActionHandler implements ICommandHandler<RequestActionCommand, AcceptedChange> {
  constructor(
    private readonly orders: OrderCommands,
    @Inject(CONTACT_RESOLVER) private readonly contacts: ContactResolver,
  ) {}

  execute({ orderId, body, meta }: RequestActionCommand): Promise<AcceptedChange> {
    return this.orders.requestAction(orderId, body, meta, async (contact) => (await this.contacts.resolveContact(contact)) !== null);
  }
}
