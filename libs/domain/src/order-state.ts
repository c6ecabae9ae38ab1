/**
 * The state of one order stream, folded from its events: `evolve(state, event, revision) → state`.
 */
import type { Order } from './order';
import type { OrderEvent } from './order-events';
import { erasePersonalData } from './personal-data';

export interface OrderState {
  status: 'absent' | 'active' | 'deleted';
  /** current order (active) or last content (deleted); null if never registered */
  order: Order | null;
  /** stream revision of the event that produced the current order content (what the versionTag encodes); null if never registered */
  version: number | null;
  /** last revision of the stream (any event type); null = no stream */
  revision: number | null;
}

export type ActiveOrderState = OrderState & { status: 'active'; order: Order; version: number; revision: number };

export const initialOrderState: OrderState = Object.freeze({ status: 'absent', order: null, version: null, revision: null });

export const isActive = (state: OrderState): state is ActiveOrderState =>
  state.status === 'active' && state.order !== null && state.version !== null && state.revision !== null;

export function evolve(state: OrderState, event: OrderEvent, revision: number): OrderState {
  switch (event.type) {
    case 'OrderRegistered':
    case 'OrderReplaced':
      return { status: 'active', order: event.data.order, version: revision, revision };
    case 'OrderDeleted':
      // The content stays (history, `?versionTag=` reads); the version is that of the last content.
      return { ...state, status: 'deleted', revision };
    case 'OrderStatusChanged': {
      if (state.order === null) return { ...state, revision };
      const { status, externalStatus } = event.data;
      const order: Order = { ...state.order };
      if (status !== undefined) order.status = status;
      if (externalStatus !== undefined) order.externalStatus = externalStatus;
      return { ...state, order, version: revision, revision };
    }
    case 'OrderDeliveryChanged': {
      if (state.order === null) return { ...state, revision };
      const delivery = { ...state.order.delivery };
      for (const [field, value] of Object.entries(event.data.delivery)) {
        if (value !== undefined && isDeliveryField(field)) delivery[field] = value as string;
      }
      return { ...state, order: { ...state.order, delivery }, version: revision, revision };
    }
    case 'OrderActionRequested':
      // An action does not change the order: the versionTag stays that of the order content.
      return { ...state, revision };
    case 'OrderPersonalDataErased':
      // Not a new version (the client changed nothing): the content of every version reads erased now; the
      // order stays linked to the erased contact by its id (a pseudonym), so counts per contact stay.
      return { ...state, order: state.order && erasePersonalData(state.order, event.data.contactId), revision };
    default: {
      // Every known type is handled above (a new one that is not is a type error here); an event type
      // this version does not know (written by a newer one) only moves the revision.
      const _unknown: never = event;
      return { ...state, revision };
    }
  }
}

/**
 * Whether the event is itself a new version of the order, i.e. its revision is what the versionTag
 * of the content after it encodes (as `evolve` sets `version`). An action or a delete is not: the
 * version stays that of the content before it.
 */
export function makesNewVersion(event: OrderEvent): boolean {
  switch (event.type) {
    case 'OrderRegistered':
    case 'OrderReplaced':
    case 'OrderStatusChanged':
    case 'OrderDeliveryChanged':
      return true;
    case 'OrderDeleted':
    case 'OrderActionRequested':
    case 'OrderPersonalDataErased':
      return false;
    default: {
      const _unknown: never = event;
      return false;
    }
  }
}

const isDeliveryField = (field: string): field is 'method' | 'trackingNumber' | 'trackingUri' | 'deliveryDate' =>
  field === 'method' || field === 'trackingNumber' || field === 'trackingUri' || field === 'deliveryDate';

export function foldOrderEvents(
  events: Iterable<{ event: OrderEvent; revision: number }>,
  from: OrderState = initialOrderState,
): OrderState {
  let state = from;
  for (const { event, revision } of events) state = evolve(state, event, revision);
  return state;
}
