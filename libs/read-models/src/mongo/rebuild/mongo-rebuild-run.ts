import { setImmediate as yieldToTimers, setTimeout as sleep } from 'node:timers/promises';
import { type Db, MongoServerError } from 'mongodb';
import type { RecordedEvent } from '@orders/event-store';
import { rebuildProgress } from '../../progress/rebuild-progress';
import type { MongoProjectionPart } from '../parts/mongo-projection-part';
import { FencedError } from '../fence';
import { CHECKPOINT_COLLECTION, type CheckpointDocument } from '../mongo-read-models';
import type { MongoRebuildOptions, MongoRebuildProgress, MongoRebuildResult } from './mongo-rebuild';
import type { MongoRebuildLock } from './mongo-rebuild-lock';
import type { ProjectorHandover } from './projector-handover';
import { liveCollection, partsSignature, rebuildCollection, RebuildState } from './rebuild-state';

const NAMESPACE_NOT_FOUND = 26;

/** One run of `rebuildMongoProjections`, holding the rebuild lock. */
export class MongoRebuildRun {
  private readonly db: Db;
  private readonly parts: readonly MongoProjectionPart[];
  private readonly prefixes: readonly string[];
  private readonly batchSize: number;
  private readonly state: RebuildState;
  private readonly started = Date.now();
  private events = 0;
  private startPosition = 0;
  /** the fencing generation the rebuild writes under: 0 (its own collections only) until it takes one */
  private fence = 0;

  constructor(
    private readonly options: MongoRebuildOptions,
    private readonly lock: MongoRebuildLock,
    private readonly handover: ProjectorHandover,
  ) {
    this.db = options.readModels.db;
    this.parts = options.readModels.parts;
    this.prefixes = options.readModels.streamPrefixes;
    this.batchSize = options.batchSize ?? 10_000;
    this.state = new RebuildState(this.db, options.readModels.name);
  }

  async run(): Promise<MongoRebuildResult> {
    let position = (this.startPosition = await this.prepare());
    for (let partial = false; !partial;) ({ position, partial } = await this.step(position, 'replaying'));

    const pausedAt = Date.now();
    const stoppedFrom = await this.handover.takeOver();
    await this.takeGeneration();
    this.report('pausing', position, position);
    // the previous holder may still finish a batch (into the old collections): replay on meanwhile
    while (Date.now() < stoppedFrom.getTime()) {
      const before = position;
      ({ position } = await this.step(position, 'pausing'));
      if (position === before) await sleep(Math.min(stoppedFrom.getTime() - Date.now(), this.handover.renewEveryMs, 200));
    }
    this.report('swapping', position, position); // from here on no live projector writes
    position = await this.catchUp(position);
    const swapStarted = Date.now();
    await this.swap(position);
    const swapMs = Date.now() - swapStarted;
    await this.handover.release();
    const pausedMs = Date.now() - pausedAt;
    this.report('swapped', position, position);
    return { position, events: this.events, resumedFrom: this.startPosition, elapsedMs: Date.now() - this.started, pausedMs, swapMs };
  }

  /** Resumes into the `__rebuild` collections, or starts them afresh; returns the position to replay from. */
  private async prepare(): Promise<number> {
    const signature = partsSignature(this.parts);
    const resumed = this.options.fresh ? null : await this.state.resumable(signature);
    if (resumed === null) {
      for (const name of this.collections()) await this.db.dropCollection(rebuildCollection(name));
      await this.state.start(signature);
    }
    for (const part of this.parts) await part.ensureIndexes(this.db, rebuildCollection);
    return resumed ?? 0;
  }

  /**
   * Reads and applies one batch after `position`. `partial`: the read returned less than a batch, so
   * everything up to the head read before it is applied and the new position covers that head.
   */
  private async step(position: number, phase: MongoRebuildProgress['phase']): Promise<{ position: number; partial: boolean }> {
    const head = await this.options.eventStore.headPosition();
    const events = await this.options.eventStore.readAll({
      fromPosition: position,
      maxCount: this.batchSize,
      streamPrefixes: this.prefixes,
    });
    const partial = events.length < this.batchSize;
    const last = events[events.length - 1]?.position ?? position;
    const next = partial ? Math.max(position, head, last) : last;
    await this.apply(events);
    if (next !== position) await this.state.savePosition(next);
    await this.lock.renew();
    if (phase !== 'replaying') await this.handover.renewIfDue();
    if (events.length > 0 || next !== position) {
      this.report(phase, next, Math.max(head, next));
      await this.options.afterBatch?.(next);
    }
    // let timers run between batches (a progress bar; a projector in the same process) even when every
    // call above resolved without I/O
    await yieldToTimers();
    return { position: next, partial };
  }

  private async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const part of this.parts) await part.apply(this.db, events, rebuildCollection, this.fence);
    this.events += events.length;
  }

  /**
   * Fences the live projector before the swap: takes a new generation on the live checkpoint (the old
   * holder's next write of the checkpoint is refused, however late it wakes) and stamps it on every
   * rebuilt document, so that once renamed in, they refuse its document writes and relinks too. Later
   * replay steps write under it; the next live projector claims a newer one.
   */
  private async takeGeneration(): Promise<void> {
    const doc = await this.checkpoints().findOneAndUpdate(
      { _id: this.options.readModels.name },
      { $inc: { generation: 1 }, $setOnInsert: { position: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    this.fence = doc?.generation ?? 1;
    for (const name of this.collections()) {
      await this.db
        .collection(rebuildCollection(name))
        .updateMany({ fence: { $not: { $gte: this.fence } } }, { $set: { fence: this.fence } });
    }
  }

  private checkpoints() {
    return this.db.collection<CheckpointDocument>(CHECKPOINT_COLLECTION);
  }

  /**
   * With the live projector stopped: replays to the head, and covers the live checkpoint. That
   * checkpoint is read first, so every event of a projected stream up to it is at or below the head
   * the replay reads next; what lies between that head and the checkpoint (EventStoreDB moves
   * checkpoints past filtered-out events) matches no part.
   */
  private async catchUp(from: number): Promise<number> {
    const live = await this.liveCheckpoint();
    let position = from;
    for (let partial = false; !partial;) ({ position, partial } = await this.step(position, 'swapping'));
    return Math.max(position, live);
  }

  /**
   * Renames every rebuilt collection over its live one, then moves the live checkpoint to the rebuild's
   * position: readers see each collection switch from the old content (at the paused live checkpoint)
   * to the new (at `position`, further on), and the checkpoint never runs ahead of the documents.
   */
  private async swap(position: number): Promise<void> {
    await this.handover.renew(); // still ours: no instance can have started a projector
    await this.state.markSwapping();
    for (const name of this.collections()) {
      try {
        await this.db.renameCollection(rebuildCollection(name), liveCollection(name), { dropTarget: true });
      } catch (error) {
        // nothing was ever written to it (and it has no index): the rebuilt read model is empty
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
        await this.db.dropCollection(liveCollection(name));
      }
      await this.options.afterRename?.(name);
    }
    // under our generation only: a rebuild that was itself superseded (its lease lost, another swap) fails here
    const moved = await this.checkpoints().findOneAndUpdate(
      { _id: this.options.readModels.name, generation: this.fence },
      { $set: { position } },
      { returnDocument: 'after' },
    );
    if (!moved) throw new FencedError(this.fence, (await this.checkpoints().findOne({ _id: this.options.readModels.name }))?.generation);
    await this.state.clear();
  }

  private async liveCheckpoint(): Promise<number> {
    const doc = await this.checkpoints().findOne({ _id: this.options.readModels.name });
    return doc?.position ?? 0;
  }

  private collections(): string[] {
    return this.parts.flatMap((part) => [...part.collections]);
  }

  private report(phase: MongoRebuildProgress['phase'], position: number, head: number): void {
    if (!this.options.onProgress) return;
    const { started, startPosition, events } = this;
    this.options.onProgress(rebuildProgress(phase, { started, startPosition, events }, position, head));
  }
}
