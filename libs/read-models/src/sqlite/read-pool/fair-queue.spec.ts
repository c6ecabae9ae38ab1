import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue';

describe('FairQueue', () => {
  it('serves keys in turns, each key oldest first', () => {
    const queue = new FairQueue<string>();
    for (const item of ['a1', 'a2', 'a3']) queue.push('a', item);
    queue.push('b', 'b1');
    queue.push('c', 'c1');
    const order: string[] = [];
    for (let next = queue.take(() => true); next; next = queue.take(() => true)) order.push(next.item);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
    expect(queue.size).toBe(0);
  });

  it('skips keys that may not run now, keeping their items', () => {
    const queue = new FairQueue<string>();
    queue.push('a', 'a1');
    queue.push('b', 'b1');
    expect(queue.take((key) => key !== 'a')).toEqual({ key: 'b', item: 'b1' });
    expect(queue.take((key) => key !== 'a')).toBeUndefined();
    expect(queue.size).toBe(1);
    expect(queue.take(() => true)).toEqual({ key: 'a', item: 'a1' });
  });

  it('removes a waiting item and drains the rest', () => {
    const queue = new FairQueue<string>();
    queue.push('a', 'a1');
    queue.push('a', 'a2');
    queue.push('b', 'b1');
    expect(queue.remove('a', 'a1')).toBe(true);
    expect(queue.remove('a', 'a1')).toBe(false);
    expect(queue.drain().sort()).toEqual(['a2', 'b1']);
    expect(queue.size).toBe(0);
  });
});
