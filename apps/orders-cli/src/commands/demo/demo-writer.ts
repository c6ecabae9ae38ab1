import { ApplicationError, type CommandMeta, OrderCommands, RegisterCommands } from '@orders/application';
import type { OrderCommand, RegisterKind } from '@orders/domain';
import type { DemoOrder } from '@orders/demo-data';
import type { EventStore } from '@orders/event-store';
import { changeStatusCommand, InvalidDemoBodyError, registerOrderCommand } from './demo-bodies';

/**
 * Writes demo data the way the service writes requests, through the same library (@orders/application):
 * orders through its order commands (read the stream, decide, append at the exact expected revision,
 * the same event metadata), register entries through its register commands. Nothing that exists is
 * touched: an order is written only while its stream is where the demo expects it (none yet, then
 * the registration), a register entry only into a stream that does not exist, so a concurrent
 * writer — the running service or a second `demo load` — makes it a skip, never an overwrite.
 */
export class DemoWriter {
  private readonly orders: OrderCommands;
  private readonly registers: RegisterCommands;

  constructor(
    store: EventStore,
    private readonly meta: Required<Pick<CommandMeta, 'correlationId' | 'apiKeyName'>>,
  ) {
    this.orders = new OrderCommands(store);
    this.registers = new RegisterCommands(store);
  }

  /** Events written: 0 when the orderId exists already (or existed: deleted orders are left alone too). */
  async writeOrder(order: DemoOrder): Promise<number> {
    const registered = await this.change(order.orderId, registerOrderCommand(order.body), null);
    if (registered === null || !order.later) return registered?.events ?? 0;
    const later = await this.change(order.orderId, changeStatusCommand(order.orderId, order.later), registered.revision);
    return registered.events + (later?.events ?? 0);
  }

  /** Events written (0 or 1): the entry is created only when its stream does not exist. */
  async writeRegisterEntry(kind: RegisterKind, id: string, value: object): Promise<number> {
    return (await this.registers.create(kind, id, value, this.meta)) ? 1 : 0;
  }

  /**
   * One command, only while the stream is at `expected` (null: no stream): the revision of its last
   * event and how many it wrote, or null when the order is not where expected.
   */
  private async change(
    orderId: string,
    command: OrderCommand,
    expected: number | null,
  ): Promise<{ revision: number; events: number } | null> {
    try {
      const done = await this.orders.executeAt(orderId, command, this.meta, expected);
      return done && { revision: done.change.revision + done.events - 1, events: done.events };
    } catch (error) {
      if (error instanceof ApplicationError && error.code === 'VALIDATION_FAILED') {
        throw new InvalidDemoBodyError(`order ${orderId}`, error.errors ?? {});
      }
      throw error;
    }
  }
}
