import type { Order, OrderWarning } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';

/** One order as the order view (E3), the contact listing (E1) and the integration log know it. */
export interface OrderViewRecord {
  orderId: string;
  /** resolved contact, or null when the order's match key resolves to no contact (yet) */
  contactId: string | null;
  order: Order;
  /** stream revision of the event that produced this content */
  version: number;
  versionTag: string;
  /** last stream revision applied (≥ version: actions move it without changing content) */
  revision: number;
  deleted: boolean;
  /** `order.createdAt` as epoch milliseconds, for ordering across time-zone offsets */
  createdAtMs: number;
  /** ISO time of the last applied event */
  updatedAt: string;
  warnings: OrderWarning[];
}

export interface OrderPage {
  items: OrderViewRecord[];
  totalCount: number;
}

/** Queries of the order read models. Every adapter (SQLite, MongoDB) implements it. */
export interface OrderReadModel {
  getOrder(orderId: string): Promise<OrderViewRecord | null>;
  /** non-deleted orders of a contact, newest `createdAt` first (ties: orderId) */
  listByContact(contactId: string, offset: number, count: number): Promise<OrderPage>;
}

/** Where a projector writes: read-model rows and its checkpoint, atomically per batch. */
export interface ProjectionStore {
  readonly name: string;
  /** the global position up to which every event has been applied (0 = none) */
  checkpoint(): Promise<number>;
  /**
   * Applies the events (position order) and moves the checkpoint to `checkpoint` (≥ last event's
   * position) in one atomic step. Events at or below the current checkpoint are ignored.
   */
  applyBatch(events: readonly RecordedEvent[], checkpoint: number): Promise<void>;
  /**
   * Optional: makes this process the only writer of the projection from now on (a store with fencing
   * tokens takes a new one, so every write of an earlier holder is refused). The projector calls it when
   * it starts, i.e. right after winning its lease.
   */
  claim?(): Promise<void>;
}

export const ORDER_READ_MODEL = Symbol('ORDER_READ_MODEL');
export const PROJECTION_STORE = Symbol('PROJECTION_STORE');
