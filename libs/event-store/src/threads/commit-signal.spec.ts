import { describe, expect, it } from 'vitest';
import { CommitSignal } from './commit-signal';

const nextHead = (signal: CommitSignal): { heads: number[]; next: Promise<number>; stop(): Promise<void> } => {
  const heads: number[] = [];
  let resolveNext: (head: number) => void = () => undefined;
  const next = new Promise<number>((resolve) => (resolveNext = resolve));
  const watcher = signal.watch((head) => {
    heads.push(head);
    resolveNext(head);
  });
  return { heads, next, stop: () => watcher.stop() };
};

describe('CommitSignal', () => {
  it('wakes a watcher with the head a commit published', async () => {
    const signal = new CommitSignal();
    const watcher = nextHead(signal);
    signal.publish(7);
    expect(await watcher.next).toBe(7);
    await watcher.stop();
    expect(signal.current()).toBe(7);
  });

  it('never lowers the head: a late publish of an older head leaves the newer one', () => {
    const signal = new CommitSignal();
    signal.publish(10);
    signal.publish(4);
    expect(signal.current()).toBe(10);
  });

  it('is shared through its buffer: a second view (as in another thread) sees the publishes and wakes', async () => {
    const signal = new CommitSignal();
    const other = new CommitSignal(signal.buffer);
    const watcher = nextHead(other);
    signal.publish(3);
    expect(await watcher.next).toBe(3);
    await watcher.stop();
  });

  it('stop() ends the watch: nothing is reported after it', async () => {
    const signal = new CommitSignal();
    const watcher = nextHead(signal);
    await watcher.stop(); // resolves although nothing was published (the wait has a 1 s timeout)
    signal.publish(5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watcher.heads).toEqual([]);
  });
});
