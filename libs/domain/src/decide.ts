/**
 * The order decider: `decide(command, state, ctx) → events | rejection`. Pure: the clock comes in `ctx`.
 *
 * Order of checks (the HTTP layer relies on it):
 * - RegisterOrder validates the body first (400), then checks existence (409): a malformed body is a
 *   400 whatever the store holds, and the orderId must be valid before it names a stream at all.
 * - Every other command addresses an existing order by path: existence is checked first, so a change
 *   to an unknown (or deleted) order is a 404 even when its body is also invalid; then the body (400).
 * - An embedded `orderAction` is validated together with the body; all errors come back at once.
 */
import type { DecideContext, OrderCommand } from './order-commands';
import type { FieldErrors } from './field-errors';
import { addError, hasErrors } from './field-rules';
import { isActive, type OrderState } from './order-state';
import { normalizeOrder } from './normalize-order';
import { decideChangeDelivery, decideChangeStatus } from './decide-changes';
import { accept, readEmbeddedAction, reject, rejectInvalid, rejectNotFound, type CommandOf, type DecideResult } from './decision';

export type { DecideResult } from './decision';

export function decide(command: OrderCommand, state: OrderState, ctx: DecideContext): DecideResult {
  switch (command.type) {
    case 'RegisterOrder':
      return decideRegister(command, state, ctx);
    case 'ReplaceOrder':
      return decideReplace(command, state, ctx);
    case 'DeleteOrder':
      return decideDelete(command, state);
    case 'ChangeOrderStatus':
      return decideChangeStatus(command, state);
    case 'ChangeOrderDelivery':
      return decideChangeDelivery(command, state);
    default: {
      // a command type that is not handled above is a type error; at run time an unknown one is refused
      const _unhandled: never = command;
      return rejectInvalid({ type: ['unknown command'] });
    }
  }
}

/** A deleted orderId may be registered again: the stream continues (append at `state.revision`). */
function decideRegister(command: CommandOf<'RegisterOrder'>, state: OrderState, ctx: DecideContext): DecideResult {
  const errors: FieldErrors = {};
  const normalized = normalizeOrder(command.order, { now: ctx.now });
  if (!normalized.ok) Object.assign(errors, normalized.errors);
  const action = readEmbeddedAction(errors, command.orderAction);
  if (!normalized.ok || hasErrors(errors)) return rejectInvalid(errors);
  const { order } = normalized;
  if (isActive(state)) return reject('ORDER_ALREADY_EXISTS', `order ${order.orderId} already exists`);
  return accept({ type: 'OrderRegistered', data: { order } }, order.orderId, action);
}

function decideReplace(command: CommandOf<'ReplaceOrder'>, state: OrderState, ctx: DecideContext): DecideResult {
  if (!isActive(state)) return rejectNotFound(command.orderId);
  const errors: FieldErrors = {};
  const normalized = normalizeOrder(command.order, { now: ctx.now, previous: state.order });
  if (!normalized.ok) Object.assign(errors, normalized.errors);
  else if (normalized.order.orderId !== command.orderId) {
    addError(errors, 'orderId', `must equal the orderId of the path (${command.orderId})`);
  }
  const action = readEmbeddedAction(errors, command.orderAction);
  if (!normalized.ok || hasErrors(errors)) return rejectInvalid(errors);
  return accept({ type: 'OrderReplaced', data: { order: normalized.order } }, command.orderId, action);
}

function decideDelete(command: CommandOf<'DeleteOrder'>, state: OrderState): DecideResult {
  if (!isActive(state)) return rejectNotFound(command.orderId);
  return { ok: true, events: [{ type: 'OrderDeleted', data: { orderId: state.order.orderId } }] };
}
