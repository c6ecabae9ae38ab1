import { BACKWARDS, type EventStoreDBClient, type Position, START } from '@eventstore/db-client';
import { toPortPosition } from './esdb-mapping';
import { endingCall, READ_DEADLINE_MS } from './esdb-reader';

/** Where to start an ESDB read so that exactly the events after the port position `after` are seen. */
export interface ReadStart {
  fromPosition: typeof START | Position;
  /** skip every event whose port position is ≤ this (the read may start a little early) */
  skipUpTo: number;
}

const CACHE_SIZE = 10_000;

/**
 * Turns the port's exclusive start position (an event's prepare position, see esdb-mapping.ts) into
 * an ESDB read position. ESDB orders `$all` by (commit, prepare) and a read must start at a commit
 * position ≤ the next event's; for the 2nd..nth event of one append the commit position is that
 * append's first prepare position, which is smaller than the event's own. Positions of events this
 * process has seen are remembered (most reads resume from one of them); any other position costs
 * one read of `$all` backwards: the last record before (p, p) belongs to the append containing p iff
 * its prepare position is ≥ p, and then its commit position is the one we need; otherwise p starts
 * its own append and commit = p.
 */
export class EsdbPositionResolver {
  private readonly commitOf = new Map<number, bigint>();

  constructor(private readonly client: EventStoreDBClient) {}

  remember(position: Position): void {
    const key = toPortPosition(position);
    if (this.commitOf.has(key)) return;
    if (this.commitOf.size >= CACHE_SIZE) {
      const oldest = this.commitOf.keys().next();
      if (!oldest.done) this.commitOf.delete(oldest.value);
    }
    this.commitOf.set(key, position.commit);
  }

  async startAfter(after: number): Promise<ReadStart> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError('fromPosition must be an integer >= 0');
    if (after === 0) return { fromPosition: START, skipUpTo: 0 };
    const prepare = BigInt(after);
    const commit = this.commitOf.get(after) ?? (await this.lookUpCommit(prepare));
    return { fromPosition: { commit, prepare }, skipUpTo: after };
  }

  private async lookUpCommit(prepare: bigint): Promise<bigint> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: { commit: prepare, prepare }, maxCount: 1 });
    for await (const resolved of endingCall(read, READ_DEADLINE_MS)) {
      const position = resolved.event?.position;
      if (position && position.prepare >= prepare) return position.commit <= prepare ? position.commit : prepare;
    }
    return prepare;
  }
}
