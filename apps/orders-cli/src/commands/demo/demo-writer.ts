import { randomUUID } from 'node:crypto';
import { decide, decideSave, type OrderCommand, type OrderState, type RegisterKind, registerStreamId } from '@orders/domain';
import type { DemoOrder } from '@orders/demo-data';
import { type EventStore, WrongExpectedVersionError } from '@orders/event-store';
import { type CommandMeta, OrderCommandExecutor, rejectionToError } from '../../../../orders-service/src/orders/order-command.executor';
import { registerEventsToAppend } from '../../../../orders-service/src/registers/register-streams.service';
import { changeStatusCommand, registerOrderCommand } from './service-bodies';

/** The decider found the order not where the demo expects it: someone else's data, left alone. */
class NotOurs extends Error {}

/**
 * Writes demo data the way the service writes requests: orders through the service's own command
 * executor (read the stream, decide, append at the exact expected revision, the same event metadata),
 * register entries as the register controllers do. Nothing that exists is touched: an order is
 * written only into a stream that does not exist yet (`no_stream`), a register entry likewise, so a
 * concurrent writer — the running service or a second `demo load` — makes it a skip, never an overwrite.
 */
export class DemoWriter {
  private readonly executor: OrderCommandExecutor;

  constructor(
    private readonly store: EventStore,
    private readonly meta: Required<Pick<CommandMeta, 'correlationId' | 'apiKeyName'>>,
  ) {
    this.executor = new OrderCommandExecutor(store);
  }

  /** Events written: 0 when the orderId exists already (or existed: deleted orders are left alone too). */
  async writeOrder(order: DemoOrder): Promise<number> {
    const registered = await this.change(order.orderId, await registerOrderCommand(order.orderId, order.body), null);
    if (registered === null || !order.later) return registered?.events ?? 0;
    const later = await this.change(order.orderId, await changeStatusCommand(order.orderId, order.later), registered.revision);
    return registered.events + (later?.events ?? 0);
  }

  /** Events written (0 or 1): the entry is created only when its stream does not exist. */
  async writeRegisterEntry(kind: RegisterKind, id: string, value: object): Promise<number> {
    const events = decideSave(kind, { value: null, revision: null }, id, value);
    try {
      await this.store.appendToStream(registerStreamId(kind, id), registerEventsToAppend(events, this.meta), { expectedRevision: 'no_stream' });
      return events.length;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return 0;
      throw error;
    }
  }

  /**
   * One command through the executor, only while the stream is at `expected` (null: no stream): the
   * revision of its last event and how many it wrote, or null when the order is not where expected.
   */
  private async change(orderId: string, command: OrderCommand, expected: number | null): Promise<{ revision: number; events: number } | null> {
    let events = 0;
    try {
      const accepted = await this.executor.run(orderId, command, this.meta, (state: OrderState) => {
        if (state.revision !== expected) throw new NotOurs();
        const decision = decide(command, state, { now: new Date().toISOString() });
        if (!decision.ok) throw rejectionToError(decision.rejection, orderId);
        events = decision.events.length;
        return decision.events;
      });
      return { revision: accepted.revision + events - 1, events };
    } catch (error) {
      if (error instanceof NotOurs) return null;
      throw error;
    }
  }
}
