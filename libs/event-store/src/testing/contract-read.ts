import { describe, expect, it } from 'vitest';
import type { ReadStreamOptions } from '../event-store.port';
import { type ContractContext, ids, isStrictlyIncreasing, newEvent, newEvents, uniquePrefix, uniqueStream } from './contract-helpers';

export function readContract(ctx: ContractContext): void {
  describe('readStream', () => {
    const revisions = async (stream: string, options: ReadStreamOptions) =>
      (await ctx.store().readStream(stream, options)).map((e) => e.revision);

    it('reads forwards with fromRevision, inclusive toRevision and maxCount', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, newEvents(6), { expectedRevision: 'no_stream' });
      expect(await revisions(stream, {})).toEqual([0, 1, 2, 3, 4, 5]);
      expect(await revisions(stream, { direction: 'forwards', fromRevision: 2 })).toEqual([2, 3, 4, 5]);
      expect(await revisions(stream, { toRevision: 3 })).toEqual([0, 1, 2, 3]);
      expect(await revisions(stream, { fromRevision: 1, toRevision: 1 })).toEqual([1]);
      expect(await revisions(stream, { fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
      expect(await revisions(stream, { fromRevision: 1, toRevision: 4, maxCount: 10 })).toEqual([1, 2, 3, 4]);
      expect(await revisions(stream, { fromRevision: 6 })).toEqual([]);
    });

    it('reads backwards from the end or from a revision', async () => {
      const stream = uniqueStream();
      await ctx.store().appendToStream(stream, newEvents(5), { expectedRevision: 'no_stream' });
      expect(await revisions(stream, { direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions(stream, { direction: 'backwards', maxCount: 1 })).toEqual([4]);
      expect(await revisions(stream, { direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
      expect(await revisions(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
    });

    it('gives [] for an unknown stream in both directions', async () => {
      const stream = uniqueStream();
      expect(await ctx.store().readStream(stream)).toEqual([]);
      expect(await ctx.store().readStream(stream, { direction: 'backwards' })).toEqual([]);
    });
  });

  describe('readAll', () => {
    it('reads the log in position order after an exclusive position', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      await ctx.store().appendToStream(`${prefix}-a`, newEvents(2));
      await ctx.store().appendToStream(`${prefix}-b`, newEvents(2));
      const all = await ctx.store().readAll({ fromPosition: start });
      const mine = all.filter((e) => e.streamId.startsWith(prefix));
      expect(mine.map((e) => [e.streamId.slice(prefix.length), e.revision])).toEqual([
        ['-a', 0],
        ['-a', 1],
        ['-b', 0],
        ['-b', 1],
      ]);
      expect(isStrictlyIncreasing(all.map((e) => e.position))).toBe(true);
      expect(all.every((e) => e.position > start)).toBe(true);
      const second = mine[1]?.position ?? 0;
      const after = await ctx.store().readAll({ fromPosition: second, streamPrefixes: [prefix] });
      expect(ids(after)).toEqual(ids(mine.slice(2)));
    });

    it('limits with maxCount', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      await ctx.store().appendToStream(`${prefix}-a`, newEvents(5));
      expect(await ctx.store().readAll({ fromPosition: start, maxCount: 3 })).toHaveLength(3);
      const filtered = await ctx.store().readAll({ streamPrefixes: [prefix], maxCount: 2 });
      expect(filtered.map((e) => e.revision)).toEqual([0, 1]);
    });

    it('filters by stream prefixes, literally (no wildcards)', async () => {
      const prefix = uniquePrefix();
      const streams = [
        `${prefix}-order-1`,
        `${prefix}-contact-1`,
        `${prefix}-order_2`,
        `${prefix}-orderX3`,
        `${prefix}-ord%-4`,
        `${prefix}-other`,
      ];
      for (const stream of streams) await ctx.store().appendToStream(stream, newEvents(1));
      const streamsOf = async (prefixes: string[]) =>
        (await ctx.store().readAll({ streamPrefixes: prefixes.map((p) => `${prefix}-${p}`) })).map((e) =>
          e.streamId.slice(prefix.length + 1),
        );
      expect(await streamsOf(['order-'])).toEqual(['order-1']);
      expect(await streamsOf(['order_'])).toEqual(['order_2']);
      expect(await streamsOf(['ord%'])).toEqual(['ord%-4']);
      expect(await streamsOf(['order'])).toEqual(['order-1', 'order_2', 'orderX3']);
      expect(await streamsOf(['contact-', 'other'])).toEqual(['contact-1', 'other']);
      expect(await streamsOf(['nothing'])).toEqual([]);
    });

    it('filters by event types, together with stream prefixes', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      await ctx.store().appendToStream(`${prefix}-a`, [newEvent('Wanted', { n: 1 }), newEvent('Other'), newEvent('Wanted', { n: 2 })]);
      await ctx.store().appendToStream(`${prefix}-b`, [newEvent('Other'), newEvent('AlsoWanted')]);
      await ctx.store().appendToStream(`${uniquePrefix()}-c`, [newEvent('Wanted')]);
      const read = await ctx.store().readAll({ fromPosition: start, streamPrefixes: [prefix], eventTypes: ['Wanted', 'AlsoWanted'] });
      expect(read.map((e) => [e.streamId.slice(prefix.length), e.type, e.data])).toEqual([
        ['-a', 'Wanted', { n: 1 }],
        ['-a', 'Wanted', { n: 2 }],
        ['-b', 'AlsoWanted', {}],
      ]);
      const limited = await ctx.store().readAll({ fromPosition: start, streamPrefixes: [prefix], eventTypes: ['Wanted'], maxCount: 1 });
      expect(limited.map((e) => e.data)).toEqual([{ n: 1 }]);
      const every = await ctx.store().readAll({ fromPosition: start, streamPrefixes: [prefix], eventTypes: [] });
      expect(every).toHaveLength(5);
    });

    it('reports the head position', async () => {
      const before = await ctx.store().headPosition();
      expect(before).toBeGreaterThanOrEqual(0);
      const result = await ctx.store().appendToStream(uniqueStream(), newEvents(2));
      const after = await ctx.store().headPosition();
      expect(after).toBeGreaterThanOrEqual(result.position);
      expect(after).toBeGreaterThan(before);
    });
  });
}
