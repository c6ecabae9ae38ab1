import { PassThrough } from 'node:stream';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EsdbPositionResolver } from './esdb-positions';
import { EsdbReader } from './esdb-reader';

/**
 * A stand-in for the client's ReadStream (a Transform in client 6.x): it stays open until ended, like a
 * server read with more to send, and records cancel() — the only way to end the underlying gRPC call
 * (destroying the stream, which leaving a `for await` does, leaves the call open).
 */
class FakeRead extends PassThrough {
  cancelled = false;
  constructor() {
    super({ objectMode: true });
  }
  async cancel(): Promise<void> {
    this.cancelled = true;
  }
  send(...events: { stream: string; revision: number; prepare: number }[]): this {
    for (const e of events) {
      this.write({
        event: {
          streamId: e.stream,
          id: `${e.stream}@${e.revision}`,
          revision: BigInt(e.revision),
          type: 'Tested',
          isJson: true,
          data: {},
          metadata: {},
          created: new Date(0),
          position: { commit: BigInt(e.prepare), prepare: BigInt(e.prepare) },
        },
      });
    }
    return this;
  }
}

function reader(readDeadlineMs?: number, callDeadlineMs?: number) {
  const reads: FakeRead[] = [];
  const next: FakeRead[] = [];
  const open = () => {
    const read = next.shift() ?? new FakeRead();
    reads.push(read);
    return read;
  };
  const client = { readAll: open, readStream: open } as unknown as EventStoreDBClient;
  return { reader: new EsdbReader(client, new EsdbPositionResolver(client), readDeadlineMs, callDeadlineMs), reads, next };
}

describe('EsdbReader over a fake client: partially consumed reads end their gRPC call', () => {
  it('readAll with maxCount cancels the server read it leaves before the end', async () => {
    const { reader: r, reads, next } = reader();
    next.push(
      new FakeRead().send(
        { stream: 'order-1', revision: 0, prepare: 10 },
        { stream: 'order-2', revision: 0, prepare: 20 },
        { stream: 'order-3', revision: 0, prepare: 30 },
      ),
    );
    const events = await r.readAll({ maxCount: 2 });
    expect(events.map((event) => event.position)).toEqual([10, 20]);
    expect(reads[0]?.cancelled).toBe(true);
  });

  it('a read the server finishes is not cancelled', async () => {
    const { reader: r, reads, next } = reader();
    const read = new FakeRead().send({ stream: 'order-1', revision: 0, prepare: 10 });
    read.end();
    next.push(read);
    expect(await r.readAll({ maxCount: 5 })).toHaveLength(1);
    expect(reads[0]?.cancelled).toBe(false);
  });

  it('readStream up to toRevision cancels the rest of the read', async () => {
    const { reader: r, reads, next } = reader();
    next.push(
      new FakeRead().send(
        { stream: 'order-1', revision: 0, prepare: 10 },
        { stream: 'order-1', revision: 1, prepare: 20 },
        { stream: 'order-1', revision: 2, prepare: 30 },
      ),
    );
    expect((await r.readStream('order-1', { toRevision: 1 })).map((event) => event.revision)).toEqual([0, 1]);
    expect(reads[0]?.cancelled).toBe(true);
  });

  it('headPosition returns at the first non-system event and cancels; a read that never answers fails at the deadline', async () => {
    const { reader: r, reads, next } = reader(50);
    next.push(new FakeRead().send({ stream: '$stats-1', revision: 0, prepare: 99 }, { stream: 'order-1', revision: 4, prepare: 90 }));
    expect(await r.headPosition()).toBe(90);
    expect(reads[0]?.cancelled).toBe(true);
    // the client ignores `deadline` for reads (it sends Infinity): the bound is ours
    await expect(r.headPosition()).rejects.toThrow(/did not finish within 50 ms/);
    expect(reads[1]?.cancelled).toBe(true);
  });

  it('readStream and readAll on a stalled server fail at their deadline and end the call instead of hanging', async () => {
    const { reader: r, reads, next } = reader(undefined, 50);
    next.push(new FakeRead().send({ stream: 'order-1', revision: 0, prepare: 10 })); // sends one, then stalls
    await expect(r.readStream('order-1', { fromRevision: 0 })).rejects.toThrow(/did not finish within 50 ms/);
    expect(reads[0]?.cancelled).toBe(true);
    await expect(r.readAll({ fromPosition: 0 })).rejects.toThrow(/did not finish within 50 ms/);
    expect(reads[1]?.cancelled).toBe(true);
  });
});
