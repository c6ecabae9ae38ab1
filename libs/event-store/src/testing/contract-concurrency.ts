import { describe, expect, it } from 'vitest';
import { WrongExpectedVersionError } from '../event-store.port';
import { type ContractContext, ids, newEvent, uniqueStream } from './contract-helpers';

export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrent appends', () => {
    it('with the same exact expected revision: exactly one wins per revision', async () => {
      const stream = uniqueStream();
      const winners: string[] = [];
      for (let revision = -1; revision < 5; revision++) {
        const contenders = Array.from({ length: 10 }, () => newEvent());
        const results = await Promise.allSettled(
          contenders.map((event) =>
            ctx.store().appendToStream(stream, [event], { expectedRevision: revision < 0 ? 'no_stream' : revision }),
          ),
        );
        const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [contenders[i]?.id ?? ''] : []));
        expect(won).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') {
            expect(result.reason).toBeInstanceOf(WrongExpectedVersionError);
            expect((result.reason as WrongExpectedVersionError).actual).toBe(revision + 1);
          } else {
            expect(result.value.nextExpectedRevision).toBe(revision + 1);
          }
        }
        winners.push(...won);
      }
      const read = await ctx.store().readStream(stream);
      expect(ids(read)).toEqual(winners);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('writers that re-read and retry on conflict all get in, with dense revisions', async () => {
      const stream = uniqueStream();
      const writers = Array.from({ length: 20 }, () => newEvent());
      let conflicts = 0;
      await Promise.all(
        writers.map(async (event) => {
          for (;;) {
            const [last] = await ctx.store().readStream(stream, { direction: 'backwards', maxCount: 1 });
            try {
              return await ctx.store().appendToStream(stream, [event], { expectedRevision: last ? last.revision : 'no_stream' });
            } catch (error) {
              if (!(error instanceof WrongExpectedVersionError)) throw error;
              conflicts++;
            }
          }
        }),
      );
      const read = await ctx.store().readStream(stream);
      expect(read.map((e) => e.revision)).toEqual(writers.map((_, i) => i));
      expect([...ids(read)].sort()).toEqual(ids(writers).sort());
      expect(conflicts).toBeGreaterThan(0);
    });

    it('to different streams all succeed with distinct positions', async () => {
      const streams = Array.from({ length: 200 }, () => uniqueStream());
      const results = await Promise.all(
        streams.map((stream) => ctx.store().appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' })),
      );
      expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
      expect(new Set(results.map((r) => r.position)).size).toBe(200);
      const [sample] = await ctx.store().readStream(streams[123] ?? '');
      expect(sample?.position).toBe(results[123]?.position);
    });
  });
}
