import { describe, expect, it } from 'vitest';
import { type ContractContext, expectConflict, ids, newEvent, newEvents, uniquePrefix, uniqueStream } from './contract-helpers';

export function idempotencyContract(ctx: ContractContext): void {
  describe('appendToStream: idempotency', () => {
    it('the same ids again with no_stream return the original result and write nothing', async () => {
      const stream = uniqueStream();
      const events = newEvents(2);
      const first = await ctx.store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const again = await ctx.store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
      expect(ids(await ctx.store().readStream(stream))).toEqual(ids(events));
    });

    it('the same ids again at the same exact revision return the original result, even after later appends', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
      const events = newEvents(2);
      const first = await ctx.store().appendToStream(stream, events, { expectedRevision: 0 });
      expect(await ctx.store().appendToStream(stream, events, { expectedRevision: 0 })).toEqual(first);
      await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 2 });
      expect(await ctx.store().appendToStream(stream, events, { expectedRevision: 0 })).toEqual(first);
      expect(await ctx.store().readStream(stream)).toHaveLength(4);
    });

    it('the same ids again with any return the original result', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, [newEvent()]);
      const events = newEvents(2);
      const first = await ctx.store().appendToStream(stream, events, { expectedRevision: 'any' });
      await ctx.store().appendToStream(stream, [newEvent()]);
      expect(await ctx.store().appendToStream(stream, events, { expectedRevision: 'any' })).toEqual(first);
      expect(await ctx.store().readStream(stream)).toHaveLength(4);
    });

    it('a retried append does not duplicate events in the global log', async () => {
      const prefix = uniquePrefix();
      const stream = `${prefix}-1`;
      const events = newEvents(3);
      await ctx.store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
      await ctx.store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const all = await ctx.store().readAll({ streamPrefixes: [prefix] });
      expect(ids(all)).toEqual(ids(events));
    });

    it('a partly repeated append conflicts and writes nothing', async () => {
      const stream = uniqueStream();
      const [a, b, c] = [newEvent(), newEvent(), newEvent()];
      await ctx.store().appendToStream(stream, [a, b, c], { expectedRevision: 'no_stream' });
      const attempts = [
        { events: [a, newEvent()], expectedRevision: 'no_stream' as const },
        { events: [a, newEvent(), c], expectedRevision: 'no_stream' as const },
        { events: [a, c], expectedRevision: 'no_stream' as const },
        { events: [b, newEvent()], expectedRevision: 0 },
        { events: [c, b], expectedRevision: 1 },
      ];
      for (const { events, expectedRevision } of attempts) {
        await expectConflict(ctx.store().appendToStream(stream, events, { expectedRevision }), {
          streamId: stream,
          expected: expectedRevision,
          actual: 2,
        });
      }
      expect(ids(await ctx.store().readStream(stream))).toEqual(ids([a, b, c]));
    });

    it('the same ids at a different expected revision conflict', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
      const events = newEvents(1);
      await ctx.store().appendToStream(stream, events, { expectedRevision: 0 });
      await ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 1 });
      await expectConflict(ctx.store().appendToStream(stream, events, { expectedRevision: 'no_stream' }), {
        streamId: stream,
        expected: 'no_stream',
        actual: 2,
      });
      expect(await ctx.store().readStream(stream)).toHaveLength(3);
    });
  });
}
