import { describe, expect, it } from 'vitest';
import { type ContractContext, expectConflict, ids, isStrictlyIncreasing, newEvent, newEvents, uniqueStream } from './contract-helpers';

export function appendContract(ctx: ContractContext): void {
  describe('appendToStream: expected revision', () => {
    it('no_stream creates a stream with dense 0-based revisions and reports the last one', async () => {
      const stream = uniqueStream();
      const events = newEvents(3);
      const result = await ctx.store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2);
      const read = await ctx.store().readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(ids(read)).toEqual(ids(events));
      expect(result.position).toBe(read[2]?.position);
    });

    it('no_stream on an existing stream conflicts with the actual revision', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
      await expectConflict(ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' }), {
        streamId: stream,
        expected: 'no_stream',
        actual: 1,
      });
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });

    it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
      const stream = uniqueStream();
      await expectConflict(ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'stream_exists' }), {
        streamId: stream,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(await ctx.store().readStream(stream)).toEqual([]);
      await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
      const result = await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('an exact revision must equal the last revision', async () => {
      const stream = uniqueStream();
      await expectConflict(ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 0 }), {
        streamId: stream,
        expected: 0,
        actual: 'no_stream',
      });
      await ctx.store().appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
      const ok = await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 1 });
      expect(ok.nextExpectedRevision).toBe(2);
      await expectConflict(ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 1 }), {
        streamId: stream,
        expected: 1,
        actual: 2,
      });
      await expectConflict(ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 5 }), {
        streamId: stream,
        expected: 5,
        actual: 2,
      });
      expect(await ctx.store().readStream(stream)).toHaveLength(3);
    });

    it('any (also the default) appends to missing and existing streams', async () => {
      const stream = uniqueStream();
      expect((await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
      expect((await ctx.store().appendToStream(stream, [newEvent()])).nextExpectedRevision).toBe(1);
      expect((await ctx.store().appendToStream(stream, newEvents(2), {})).nextExpectedRevision).toBe(3);
      expect((await ctx.store().readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('an empty append checks the expected revision and writes nothing', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
      const result = await ctx.store().appendToStream(stream, [], { expectedRevision: 1 });
      expect(result.nextExpectedRevision).toBe(1);
      await expectConflict(ctx.store().appendToStream(stream, [], { expectedRevision: 0 }), {
        streamId: stream,
        expected: 0,
        actual: 1,
      });
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });
  });

  describe('appendToStream: recorded events', () => {
    it('records id, stream, type, data, metadata and an ISO commit time', async () => {
      const stream = uniqueStream();
      const event = { ...newEvent('Registered', { name: 'Ann', nested: { list: [1, 'two', null] } }) };
      const bare = { id: newEvent().id, type: 'Bare', data: {} };
      const before = Date.now();
      await ctx.store().appendToStream(stream, [event, bare], { expectedRevision: 'no_stream' });
      const [first, second] = await ctx.store().readStream(stream);
      expect(first).toMatchObject({
        id: event.id,
        streamId: stream,
        revision: 0,
        type: 'Registered',
        data: event.data,
        metadata: event.metadata,
      });
      expect(second).toMatchObject({ id: bare.id, type: 'Bare', data: {}, metadata: {} });
      const createdAt = Date.parse(first?.createdAt ?? '');
      expect(first?.createdAt).toBe(new Date(createdAt).toISOString());
      expect(createdAt).toBeGreaterThanOrEqual(before - 5000);
      expect(createdAt).toBeLessThanOrEqual(Date.now() + 5000);
    });

    it('gives every event a global position > 0, increasing in commit order across streams', async () => {
      const a = uniqueStream();
      const b = uniqueStream();
      const r1 = await ctx.store().appendToStream(a, newEvents(2));
      const r2 = await ctx.store().appendToStream(b, newEvents(1));
      const r3 = await ctx.store().appendToStream(a, newEvents(2));
      expect(isStrictlyIncreasing([r1.position, r2.position, r3.position])).toBe(true);
      const positions = [...(await ctx.store().readStream(a)), ...(await ctx.store().readStream(b))]
        .map((e) => e.position)
        .sort((x, y) => x - y);
      expect(positions[0]).toBeGreaterThan(0);
      expect(isStrictlyIncreasing(positions)).toBe(true);
      expect(await ctx.store().headPosition()).toBeGreaterThanOrEqual(r3.position);
    });
  });
}
