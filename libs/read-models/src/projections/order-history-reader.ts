import { ERASED, type Order, orderStreamId, personalOrderPaths } from '@orders/domain';
import type { EventStore, RecordedEvent } from '@orders/event-store';
import type { OrderHistoryPage, OrderHistoryQueries } from '../order-history.port';
import type { OrderViewRecord } from '../read-model.port';
import { historyEntries, type OrderAtTarget } from './order-history';
import { applyToOrderView } from './order-view.projection';

export interface OrderHistoryReaderLimits {
  /** a snapshot of the folded order view is kept every this many revisions (default 64) */
  snapshotEvery?: number;
  /** orders whose snapshots are kept, least recently read dropped first (default 200) */
  maxStreams?: number;
  /** approximate size of all snapshots, in UTF-16 code units of their JSON (default 64 Mi) */
  maxSize?: number;
  /**
   * a snapshot holding personal data is used this long at most (default 1 s, as the key cache): another
   * instance's erasure is seen within it (docs/personal-data.md)
   */
  personalDataTtlMs?: number;
  now?: () => number;
}

interface Snapshot {
  /** the view after the event at this revision */
  revision: number;
  record: OrderViewRecord | null;
  size: number;
  /** when it expires: it holds personal data (a snapshot without any never does) */
  expiresAt?: number;
}

const holdsPersonalData = (order: Order): boolean =>
  personalOrderPaths(order).some(
    (path) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], order) !== ERASED,
  );

/**
 * History and time travel (`/history`, `?versionTag=`, `?at=`) read from the event store, but only what
 * they need: the order view at a revision is folded from the nearest snapshot at or before it. Snapshots
 * are folds of events that never change (revision r of a stream is immutable), so one can never be
 * stale; they are kept every `snapshotEvery` revisions per order, in memory, bounded by count and size.
 */
export class OrderHistoryReader implements OrderHistoryQueries {
  private readonly every: number;
  private readonly maxStreams: number;
  private readonly maxSize: number;
  private readonly streams = new Map<string, Snapshot[]>();
  private size = 0;
  private readonly personalTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: EventStore,
    limits: OrderHistoryReaderLimits = {},
  ) {
    this.every = limits.snapshotEvery ?? 64;
    this.maxStreams = limits.maxStreams ?? 200;
    this.maxSize = limits.maxSize ?? 64 * 1024 * 1024;
    this.personalTtlMs = limits.personalDataTtlMs ?? 1_000;
    this.now = limits.now ?? Date.now;
  }

  /** Drops the order's snapshots (its personal data was just erased in this process). */
  forget(orderId: string): void {
    const snapshots = this.streams.get(orderStreamId(orderId));
    if (!snapshots) return;
    this.streams.delete(orderStreamId(orderId));
    for (const snapshot of snapshots) this.size -= snapshot.size;
  }

  /** A page of the order's history and how many events it has; null when the order stream does not exist. */
  async page(orderId: string, offset: number, count: number): Promise<OrderHistoryPage | null> {
    const streamId = orderStreamId(orderId);
    const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    if (!last) return null;
    const totalCount = last.revision + 1;
    if (offset >= totalCount || count <= 0) return { items: [], totalCount };
    const before = await this.viewAt(streamId, offset - 1);
    const events = await this.store.readStream(streamId, { fromRevision: offset, toRevision: Math.min(offset + count, totalCount) - 1 });
    return { items: historyEntries(events, before), totalCount };
  }

  /**
   * The order view at a version (the revision a versionTag encodes: null when no version has that
   * revision) or at an instant (after the last event committed at or before it: null when there was none).
   */
  async orderAt(orderId: string, target: OrderAtTarget): Promise<OrderViewRecord | null> {
    const streamId = orderStreamId(orderId);
    if ('revision' in target) {
      const record = await this.viewAt(streamId, target.revision);
      return record?.version === target.revision ? record : null;
    }
    const revision = await this.lastRevisionAt(streamId, Date.parse(target.at));
    return revision === null ? null : this.viewAt(streamId, revision);
  }

  /** Whether the order stream has any event. */
  async exists(orderId: string): Promise<boolean> {
    return (await this.store.readStream(orderStreamId(orderId), { maxCount: 1 })).length > 0;
  }

  /** The revision of the last event committed at or before `limit` (ms): read backwards in growing chunks. */
  private async lastRevisionAt(streamId: string, limit: number): Promise<number | null> {
    let from: number | undefined;
    for (let chunk = 1; ; chunk = Math.min(chunk * 4, 256)) {
      const events = await this.store.readStream(streamId, {
        direction: 'backwards',
        maxCount: chunk,
        ...(from === undefined ? {} : { fromRevision: from }),
      });
      const found = events.find((event) => Date.parse(event.createdAt) <= limit);
      if (found) return found.revision;
      const oldest = events.at(-1);
      if (!oldest || oldest.revision === 0) return null;
      from = oldest.revision - 1;
    }
  }

  /** The view after the event at `revision` (-1: before any event), from the nearest snapshot. */
  private async viewAt(streamId: string, revision: number): Promise<OrderViewRecord | null> {
    if (revision < 0) return null;
    const now = this.now();
    const snapshots = this.touch(streamId);
    const base = snapshots.filter((snapshot) => snapshot.revision <= revision && !(snapshot.expiresAt! < now)).at(-1);
    if (base?.revision === revision) return base.record;
    const events = await this.store.readStream(streamId, { fromRevision: (base?.revision ?? -1) + 1, toRevision: revision });
    let record = base?.record ?? null;
    for (const event of events) {
      record = applyToOrderView(record, event);
      if ((event.revision + 1) % this.every === 0 || event === events.at(-1)) this.keep(streamId, event, record);
    }
    return record;
  }

  private touch(streamId: string): Snapshot[] {
    const snapshots = this.streams.get(streamId) ?? [];
    this.streams.delete(streamId);
    this.streams.set(streamId, snapshots);
    return snapshots;
  }

  /** Keeps the view after `event`: on a checkpoint revision for good, otherwise as the stream's one loose snapshot. */
  private keep(streamId: string, event: RecordedEvent, record: OrderViewRecord | null): void {
    const snapshots = this.streams.get(streamId);
    if (!snapshots) return;
    const same = snapshots.findIndex((snapshot) => snapshot.revision === event.revision);
    if (same >= 0 && !(snapshots[same]!.expiresAt! < this.now())) return;
    if (same >= 0) this.size -= snapshots.splice(same, 1)[0]!.size;
    const isLoose = (revision: number): boolean => (revision + 1) % this.every !== 0;
    const loose = isLoose(event.revision) ? snapshots.findIndex((snapshot) => isLoose(snapshot.revision)) : -1;
    if (loose >= 0) this.size -= snapshots.splice(loose, 1)[0]!.size;
    const size = JSON.stringify(record)?.length ?? 0;
    if (size > this.maxSize) return;
    const expiresAt = record && holdsPersonalData(record.order) ? this.now() + this.personalTtlMs : undefined;
    snapshots.push({ revision: event.revision, record, size, ...(expiresAt === undefined ? {} : { expiresAt }) });
    snapshots.sort((a, b) => a.revision - b.revision);
    this.size += size;
    for (const [oldest, kept] of this.streams) {
      if (this.streams.size <= this.maxStreams && this.size <= this.maxSize) break;
      if (oldest === streamId && this.streams.size === 1) break;
      this.streams.delete(oldest);
      for (const snapshot of kept) this.size -= snapshot.size;
    }
  }
}
