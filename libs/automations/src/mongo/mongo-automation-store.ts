import type { Collection, Db, Filter } from 'mongodb';
import { onlyDuplicateKeys } from '@orders/read-models/mongo';
import {
  type AutomationStore,
  type DeliveryFilter,
  type DeliveryRow,
  type DeliveryState,
  type EndpointRow,
  MAX_ERROR_LENGTH,
  type NewDelivery,
} from '../automation-store.port';

export const AUTOMATION_COLLECTIONS = {
  endpoints: 'automation_endpoints',
  deliveries: 'automation_deliveries',
  checkpoints: 'automation_checkpoints',
} as const;

interface EndpointDocument {
  _id: string;
  url: string;
  secret: string;
  actions: string[] | null;
  createdAtMs: number;
}

interface DeliveryDocument {
  /** `<triggerId>:<endpointId>`: a trigger is enqueued once per endpoint, by any instance */
  _id: string;
  id: string;
  seq: number;
  endpointId: string;
  orderId: string;
  triggerId: string;
  action: string;
  body: string;
  status: DeliveryRow['status'];
  attempts: number;
  nextAttemptAtMs: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The dispatcher's position in the log and the last `seq` it handed out. */
interface CheckpointDocument {
  _id: string;
  position: number;
  lastSeq: number;
}

const STATE_FILTER: Record<DeliveryState, Filter<DeliveryDocument>> = {
  pending: { status: 'pending', attempts: 0 },
  retrying: { status: 'pending', attempts: { $gt: 0 } },
  delivered: { status: 'delivered' },
  dead: { status: 'dead' },
  cancelled: { status: 'cancelled' },
};

const toEndpointRow = (doc: EndpointDocument): EndpointRow => ({
  id: doc._id,
  url: doc.url,
  secret: doc.secret,
  actions: doc.actions === null ? null : JSON.stringify(doc.actions),
  created_at_ms: doc.createdAtMs,
});

const toDeliveryRow = (doc: DeliveryDocument): DeliveryRow => ({
  seq: doc.seq,
  id: doc.id,
  endpoint_id: doc.endpointId,
  order_id: doc.orderId,
  trigger_id: doc.triggerId,
  action: doc.action,
  body: doc.body,
  status: doc.status,
  attempts: doc.attempts,
  next_attempt_at_ms: doc.nextAttemptAtMs,
  last_error: doc.lastError,
  created_at: doc.createdAt,
  delivered_at: doc.deliveredAt,
});

/**
 * The automation store of the distributed backend, in the backend's MongoDB database (no
 * transactions, so a standalone server will do). A delivery's `_id` is `<triggerId>:<endpointId>`,
 * which makes enqueueing idempotent (E11000 = already enqueued); deliveries are inserted before the
 * checkpoint moves (`$max`), so a crash in between re-enqueues harmlessly. `seq` comes from a counter
 * in the dispatcher's checkpoint document. A worker claims a delivery with one findOneAndUpdate that
 * matches only a pending, due delivery and pushes its due time to the claim's end.
 */
export class MongoAutomationStore implements AutomationStore {
  private readonly endpointsCollection: Collection<EndpointDocument>;
  private readonly outbox: Collection<DeliveryDocument>;
  private readonly checkpoints: Collection<CheckpointDocument>;

  /** `db` belongs to the caller (the backend's connection): close() leaves it open. */
  constructor(db: Db) {
    this.endpointsCollection = db.collection<EndpointDocument>(AUTOMATION_COLLECTIONS.endpoints);
    this.outbox = db.collection<DeliveryDocument>(AUTOMATION_COLLECTIONS.deliveries);
    this.checkpoints = db.collection<CheckpointDocument>(AUTOMATION_COLLECTIONS.checkpoints);
  }

  async prepare(): Promise<void> {
    await this.endpointsCollection.createIndexes([{ key: { createdAtMs: 1, _id: 1 }, name: 'by_created' }]);
    await this.outbox.createIndexes([
      { key: { id: 1 }, name: 'by_delivery_id', unique: true },
      { key: { status: 1, seq: 1 }, name: 'lanes' },
      { key: { status: 1, nextAttemptAtMs: 1 }, name: 'due' },
      { key: { endpointId: 1, status: 1 }, name: 'by_endpoint' },
      { key: { seq: -1 }, name: 'newest_first' },
    ]);
  }

  // endpoints

  async addEndpoint(row: EndpointRow): Promise<void> {
    const actions = row.actions === null ? null : (JSON.parse(row.actions) as string[]);
    await this.endpointsCollection.insertOne({ _id: row.id, url: row.url, secret: row.secret, actions, createdAtMs: row.created_at_ms });
  }

  async endpoints(): Promise<EndpointRow[]> {
    return (await this.endpointsCollection.find({}).sort({ createdAtMs: 1, _id: 1 }).toArray()).map(toEndpointRow);
  }

  async endpoint(id: string): Promise<EndpointRow | undefined> {
    const doc = await this.endpointsCollection.findOne({ _id: id });
    return doc ? toEndpointRow(doc) : undefined;
  }

  async removeEndpoint(id: string): Promise<boolean> {
    if ((await this.endpointsCollection.deleteOne({ _id: id })).deletedCount === 0) return false;
    // a crash before this line leaves pending deliveries of a removed endpoint: the worker cancels those
    await this.outbox.updateMany({ endpointId: id, status: { $in: ['pending', 'dead'] } }, { $set: { status: 'cancelled' } });
    return true;
  }

  // dispatcher

  async checkpoint(name: string): Promise<number> {
    return (await this.checkpoints.findOne({ _id: name }))?.position ?? 0;
  }

  async enqueue(name: string, deliveries: readonly NewDelivery[], position: number, nowMs: number): Promise<void> {
    if (deliveries.length > 0) {
      const counter = await this.checkpoints.findOneAndUpdate(
        { _id: name },
        { $inc: { lastSeq: deliveries.length } },
        { upsert: true, returnDocument: 'after' },
      );
      const firstSeq = (counter?.lastSeq ?? deliveries.length) - deliveries.length + 1;
      const createdAt = new Date(nowMs).toISOString();
      const docs = deliveries.map((d, index): DeliveryDocument => ({
        _id: `${d.triggerId}:${d.endpointId}`,
        id: d.id,
        seq: firstSeq + index,
        endpointId: d.endpointId,
        orderId: d.orderId,
        triggerId: d.triggerId,
        action: d.action,
        body: d.body,
        status: 'pending',
        attempts: 0,
        nextAttemptAtMs: nowMs,
        lastError: null,
        createdAt,
        deliveredAt: null,
      }));
      try {
        await this.outbox.bulkWrite(
          docs.map((document) => ({ insertOne: { document } })),
          { ordered: false },
        );
      } catch (error) {
        if (!onlyDuplicateKeys(error)) throw error; // already enqueued (a redelivered batch): kept as it is
      }
    }
    await this.checkpoints.updateOne({ _id: name }, { $max: { position } }, { upsert: true });
  }

  // delivery

  async dueHeads(nowMs: number, limit: number): Promise<DeliveryRow[]> {
    // the head of every lane (lean: no bodies), then the due ones in full
    const heads = await this.outbox
      .aggregate<{ _id: string }>(
        [
          { $match: { status: 'pending' } },
          { $sort: { seq: 1 } },
          {
            $group: {
              _id: { endpointId: '$endpointId', orderId: '$orderId' },
              head: { $first: { _id: '$_id', seq: '$seq', due: '$nextAttemptAtMs' } },
            },
          },
          { $match: { 'head.due': { $lte: nowMs } } },
          { $sort: { 'head.seq': 1 } },
          { $limit: limit },
          { $replaceWith: { _id: '$head._id' } },
        ],
        { allowDiskUse: true },
      )
      .toArray();
    if (heads.length === 0) return [];
    const docs = await this.outbox
      .find({ _id: { $in: heads.map((head) => head._id) }, status: 'pending' })
      .sort({ seq: 1 })
      .toArray();
    return docs.map(toDeliveryRow);
  }

  async claim(id: string, nowMs: number, untilMs: number): Promise<DeliveryRow | null> {
    const doc = await this.outbox.findOneAndUpdate(
      { id, status: 'pending', nextAttemptAtMs: { $lte: nowMs } },
      { $set: { nextAttemptAtMs: untilMs } },
      { returnDocument: 'after' },
    );
    return doc ? toDeliveryRow(doc) : null;
  }

  async nextDueAt(): Promise<number | null> {
    const [first] = await this.outbox.find({ status: 'pending' }).sort({ nextAttemptAtMs: 1 }).limit(1).toArray();
    return first?.nextAttemptAtMs ?? null;
  }

  async markDelivered(id: string, nowMs: number): Promise<void> {
    await this.outbox.updateOne(
      { id, status: 'pending' },
      { $set: { status: 'delivered', lastError: null, deliveredAt: new Date(nowMs).toISOString() }, $inc: { attempts: 1 } },
    );
  }

  async markFailed(id: string, error: string, retryAtMs: number | null): Promise<void> {
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    await this.outbox.updateOne(
      { id, status: 'pending' },
      {
        $set: retryAtMs === null ? { status: 'dead', lastError } : { nextAttemptAtMs: retryAtMs, lastError },
        $inc: { attempts: 1 },
      },
    );
  }

  async cancel(id: string): Promise<void> {
    await this.outbox.updateOne({ id, status: 'pending' }, { $set: { status: 'cancelled' } });
  }

  // dead letters

  async deadLetters(offset: number, count: number): Promise<{ items: DeliveryRow[]; totalCount: number }> {
    const [totalCount, docs] = await Promise.all([
      this.outbox.countDocuments({ status: 'dead' }),
      this.outbox.find({ status: 'dead' }).sort({ seq: 1 }).skip(offset).limit(count).toArray(),
    ]);
    return { items: docs.map(toDeliveryRow), totalCount };
  }

  async retryDeadLetter(id: string, nowMs: number): Promise<boolean> {
    const result = await this.outbox.updateOne(
      { id, status: 'dead' },
      { $set: { status: 'pending', attempts: 0, nextAttemptAtMs: nowMs } },
    );
    return result.matchedCount > 0;
  }

  async delivery(id: string): Promise<DeliveryRow | undefined> {
    const doc = await this.outbox.findOne({ id });
    return doc ? toDeliveryRow(doc) : undefined;
  }

  async pruneSettled(beforeMs: number, limit: number): Promise<number> {
    const before = new Date(beforeMs).toISOString();
    const settled: Filter<DeliveryDocument> = {
      $or: [
        { status: 'delivered', deliveredAt: { $lt: before } },
        { status: 'cancelled', createdAt: { $lt: before } },
      ],
    };
    const ids = (
      await this.outbox
        .find(settled, { projection: { _id: 1 } })
        .limit(limit)
        .toArray()
    ).map((doc) => doc._id);
    if (ids.length === 0) return 0;
    return (await this.outbox.deleteMany({ _id: { $in: ids }, ...settled })).deletedCount;
  }

  async eraseBodies(orderIds: readonly string[], erase: (body: string) => string): Promise<number> {
    const docs = await this.outbox.find({ orderId: { $in: [...orderIds] } }, { projection: { _id: 1, body: 1 } }).toArray();
    for (const doc of docs) await this.outbox.updateOne({ _id: doc._id }, { $set: { body: erase(doc.body) } });
    return docs.length;
  }

  async deliveries(filter: DeliveryFilter, offset: number, count: number): Promise<{ items: DeliveryRow[]; totalCount: number }> {
    const query: Filter<DeliveryDocument> = {
      ...(filter.state ? STATE_FILTER[filter.state] : {}),
      ...(filter.endpointId !== undefined ? { endpointId: filter.endpointId } : {}),
      ...(filter.orderId !== undefined ? { orderId: filter.orderId } : {}),
    };
    const [totalCount, docs] = await Promise.all([
      this.outbox.countDocuments(query),
      this.outbox.find(query).sort({ seq: -1 }).skip(offset).limit(count).toArray(),
    ]);
    return { items: docs.map(toDeliveryRow), totalCount };
  }

  async close(): Promise<void> {}
}
