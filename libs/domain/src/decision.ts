/**
 * Building blocks of the decider's answers: accepted events or a rejection with a stable code.
 */
import type { OrderCommand, Rejection } from './order-commands';
import type { FieldErrors } from './field-errors';
import type { OrderAction } from './order';
import type { OrderEvent } from './order-events';
import { isAbsent } from './field-rules';
import { readOrderAction } from './normalize-action';

export type DecideResult = { ok: true; events: OrderEvent[] } | { ok: false; rejection: Rejection };

export type CommandOf<T extends OrderCommand['type']> = Extract<OrderCommand, { type: T }>;

/** The embedded action, or undefined when absent (`null` counts as absent); errors under `orderAction.*`. */
export function readEmbeddedAction(errors: FieldErrors, value: unknown): OrderAction | undefined {
  return isAbsent(value) ? undefined : readOrderAction(errors, 'orderAction', value);
}

/** The change event, followed by `OrderActionRequested` when an action rides along. */
export function accept(change: OrderEvent, orderId: string, action: OrderAction | undefined): DecideResult {
  const events: OrderEvent[] = [change];
  if (action !== undefined) events.push({ type: 'OrderActionRequested', data: { orderId, action } });
  return { ok: true, events };
}

export const reject = (code: 'ORDER_ALREADY_EXISTS' | 'ORDER_NOT_FOUND', message: string): DecideResult => ({
  ok: false,
  rejection: { code, message },
});

export const rejectNotFound = (orderId: string): DecideResult => reject('ORDER_NOT_FOUND', `order ${orderId} was not found`);

export const rejectInvalid = (errors: FieldErrors): DecideResult => ({
  ok: false,
  rejection: { code: 'VALIDATION_FAILED', message: 'the request is not valid', errors },
});
