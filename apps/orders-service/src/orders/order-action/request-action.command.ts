import { Command } from '@nestjs/cqrs';
import type { AcceptedChange, CommandMeta } from '@orders/application';

/** E7: run `action` on the order version `versionTag` names. */
export class RequestActionCommand extends Command<AcceptedChange> {
  constructor(
    readonly orderId: string,
    readonly body: { action: unknown; language?: unknown; data?: unknown; versionTag: unknown },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
