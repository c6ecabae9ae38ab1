/**
 * Partial changes of an existing order: change-status (E8) and change-delivery (E9).
 * Existence first (404), then the body (400). Error paths are those of the flat E8/E9 bodies:
 * `status`, `externalStatus`, `method`, `trackingNumber`, `trackingUri`, `deliveryDate`, `orderAction.*`.
 */
import type { FieldErrors } from './field-errors';
import type { Delivery } from './order';
import type { OrderEvent } from './order-events';
import { addError, defined, hasErrors, isAbsent, isPlainObject } from './field-rules';
import { isActive, type OrderState } from './order-state';
import { readExternalStatus, readOrderStatus } from './normalize-order';
import { DELIVERY_FIELDS, readDeliveryFields } from './normalize-parts';
import { accept, readEmbeddedAction, rejectInvalid, rejectNotFound, type CommandOf, type DecideResult } from './decision';

/** Emits `OrderStatusChanged` with only the fields given (canonical); at least one is required. */
export function decideChangeStatus(command: CommandOf<'ChangeOrderStatus'>, state: OrderState): DecideResult {
  if (!isActive(state)) return rejectNotFound(command.orderId);
  const errors: FieldErrors = {};
  if (isAbsent(command.status) && isAbsent(command.externalStatus)) {
    addError(errors, 'status', 'at least one of status and externalStatus is required');
  }
  const status = readOrderStatus(errors, 'status', command.status, false);
  const externalStatus = readExternalStatus(errors, 'externalStatus', command.externalStatus);
  const action = readEmbeddedAction(errors, command.orderAction);
  if (hasErrors(errors)) return rejectInvalid(errors);
  const { orderId } = state.order;
  const change: OrderEvent = { type: 'OrderStatusChanged', data: defined({ orderId, status, externalStatus }) };
  return accept(change, orderId, action);
}

/** Emits `OrderDeliveryChanged` with only the delivery fields given; at least one is required. */
export function decideChangeDelivery(command: CommandOf<'ChangeOrderDelivery'>, state: OrderState): DecideResult {
  if (!isActive(state)) return rejectNotFound(command.orderId);
  const errors: FieldErrors = {};
  const source: unknown = command.delivery;
  const fields = isPlainObject(source) ? source : {};
  if (DELIVERY_FIELDS.every((field) => isAbsent(fields[field]))) {
    addError(errors, 'method', `at least one of ${DELIVERY_FIELDS.join(', ')} is required`);
  }
  const delivery: Delivery = readDeliveryFields(errors, '', fields);
  const action = readEmbeddedAction(errors, command.orderAction);
  if (hasErrors(errors)) return rejectInvalid(errors);
  const { orderId } = state.order;
  return accept({ type: 'OrderDeliveryChanged', data: { orderId, delivery } }, orderId, action);
}
