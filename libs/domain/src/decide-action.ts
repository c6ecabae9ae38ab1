/**
 * E7 `POST /orders/{orderId}/action`: an action on the order's current version (SPEC §5).
 * Checks, in this order: the body (400), the order exists (404 ORDER_NOT_FOUND), the versionTag is
 * the order's current one (404 VERSION_TAG_MISMATCH). Whether the order has a resolved contact (422)
 * depends on the contact register and is checked by the caller.
 */
import type { OrderAction } from './order';
import type { FieldErrors } from './field-errors';
import type { OrderEvent } from './order-events';
import { isActive, type OrderState } from './order-state';
import { normalizeOrderAction } from './normalize-action';
import { decodeVersionTag } from './version-tag';

export interface RequestOrderAction {
  type: 'RequestOrderAction';
  orderId: string;
  /** the body without `versionTag`: `{ action, language?, data? }` */
  action: unknown;
  versionTag: unknown;
}

export type ActionRejection =
  | { code: 'VALIDATION_FAILED'; message: string; errors: FieldErrors }
  | { code: 'ORDER_NOT_FOUND'; message: string }
  | { code: 'VERSION_TAG_MISMATCH'; message: string };

export type ActionDecision =
  { ok: true; events: OrderEvent[]; action: OrderAction; version: number } | { ok: false; rejection: ActionRejection };

export function decideOrderAction(command: RequestOrderAction, state: OrderState): ActionDecision {
  const normalized = normalizeOrderAction(command.action, '');
  const errors: FieldErrors = normalized.ok ? {} : { ...normalized.errors };
  if (typeof command.versionTag !== 'string' || command.versionTag === '') errors['versionTag'] = ['is required'];
  if (!normalized.ok || Object.keys(errors).length > 0) {
    return { ok: false, rejection: { code: 'VALIDATION_FAILED', message: 'the request is not valid', errors } };
  }
  if (!isActive(state)) return { ok: false, rejection: { code: 'ORDER_NOT_FOUND', message: `order ${command.orderId} was not found` } };
  const version = decodeVersionTag(command.orderId, command.versionTag);
  if (version !== state.version) {
    return {
      ok: false,
      rejection: {
        code: 'VERSION_TAG_MISMATCH',
        message: `versionTag ${String(command.versionTag)} is not the current version of order ${command.orderId}`,
      },
    };
  }
  const { action } = normalized;
  return { ok: true, events: [{ type: 'OrderActionRequested', data: { orderId: command.orderId, action, version } }], action, version };
}
