import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('runs work for one key strictly one after another, other keys in parallel', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string, name: string) =>
      mutex.run(key, async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
      });
    await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1')]);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('a failure does not block the next work on the same key', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('k', async () => 7)).resolves.toBe(7);
  });

  it('forgets a key when its last work settles, and answers a work that throws at once with a rejection', async () => {
    const mutex = new KeyedMutex();
    const first = mutex.run('k', async () => {
      await tick();
      return 1;
    });
    const second = mutex.run('k', async () => 2);
    expect(mutex.size).toBe(1);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    await tick();
    expect(mutex.size).toBe(0);
    let failed: Promise<unknown> | undefined;
    expect(
      () =>
        (failed = mutex.run('k', () => {
          throw new Error('at once');
        })),
    ).not.toThrow();
    await expect(failed).rejects.toThrow('at once');
    await expect(mutex.run('k', async () => 3)).resolves.toBe(3);
    await tick();
    expect(mutex.size).toBe(0);
  });
});
