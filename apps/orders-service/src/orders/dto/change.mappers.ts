import type { Delivery, OrderAction, OrderStatus } from '@orders/domain/order';
import { defined } from '@orders/domain/field-rules';
import type { ChangeDeliveryDto } from './change-delivery.dto';
import type { ChangeStatusDto } from './change-status.dto';
import { toDelivery, toOrderAction } from './order-input.mapper';

/** What E8 asks for: the fields of a `ChangeOrderStatus` command besides `orderId`. */
export interface StatusChange {
  status?: OrderStatus;
  externalStatus?: string;
  orderAction?: OrderAction;
}

/** The E8 change: only the fields that were given, with the embedded action mapped. */
export function toStatusChange(dto: ChangeStatusDto): StatusChange {
  return defined({ status: dto.status, externalStatus: dto.externalStatus, orderAction: toOrderAction(dto.orderAction) });
}

/**
 * The delivery fields E9 sets: only those that were given (empty when only an action is sent).
 * The embedded action is mapped separately: `toOrderAction(dto.orderAction)`.
 */
export function toDeliveryChange(dto: ChangeDeliveryDto): Delivery {
  return toDelivery(dto);
}
