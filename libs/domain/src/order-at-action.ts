/**
 * The order exactly as an action saw it (SPEC §5): the content at the action's version, never a later
 * state. An action event with `version` applies to that version; without (an embedded action) to
 * the version of the order after the event just before it.
 */
import type { Order } from './order';
import type { OrderEvent } from './order-events';
import { evolve, initialOrderState, type OrderState } from './order-state';

export interface OrderAtAction {
  order: Order;
  /** the stream revision whose content `order` is (what the versionTag encodes) */
  version: number;
}

/** `events` is the order stream from revision 0 up to and including the action event at `actionRevision`. */
export function orderAtAction(events: readonly { event: OrderEvent; revision: number }[], actionRevision: number): OrderAtAction | null {
  const action = events.find((e) => e.revision === actionRevision)?.event;
  if (!action || action.type !== 'OrderActionRequested') return null;
  let before: OrderState = initialOrderState;
  for (const { event, revision } of events) if (revision < actionRevision) before = evolve(before, event, revision);
  const version = action.data.version ?? before.version;
  if (version === null || version === undefined) return null;
  let state: OrderState = initialOrderState;
  for (const { event, revision } of events) if (revision <= version) state = evolve(state, event, revision);
  return state.order && state.version === version ? { order: state.order, version } : null;
}
