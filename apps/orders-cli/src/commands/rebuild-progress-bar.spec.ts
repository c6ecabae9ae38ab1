import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RebuildProgressBar } from './rebuild-progress-bar';

/** A terminal as cli-progress sees it; `frames` are the lines it drew (escape sequences are written apart). */
class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 200;
  readonly frames: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString();
    if (!text.startsWith('\x1b') && text.trim() !== '') this.frames.push(text);
    done();
  }
}

const PLACEHOLDERS = /LLs|NFs|NULL|INF|NaN|undefined|\{\w+\}/;

describe('the rebuild progress bar', () => {
  it('ends on a clean frame when no rate is known (all at the head: 0 events in no time)', () => {
    const terminal = new FakeTerminal();
    const bar = new RebuildProgressBar(true, 'events', terminal);
    bar.update({ phase: 'replaying', position: 500, head: 500, eventsPerSecond: 0 });
    bar.update({ phase: 'swapping', position: 500, head: 500, eventsPerSecond: 0 });
    bar.update({ phase: 'swapped', position: 500, head: 500, eventsPerSecond: 0 });
    bar.stop();
    const last = terminal.frames.at(-1)!;
    expect(last).toMatch(/^rebuilding \S+ 100% \| 500\/500 events \| 0 events\/s \| \d+s elapsed \| swapped$/);
    expect(terminal.frames.filter((frame) => PLACEHOLDERS.test(frame))).toEqual([]);
  });

  it('ends on a clean frame after progress, and shows no placeholder while running', () => {
    const terminal = new FakeTerminal();
    const bar = new RebuildProgressBar(true, 'positions', terminal);
    for (const position of [0, 100, 200, 200, 200]) bar.update({ phase: 'replaying', position, head: 400, eventsPerSecond: 1000 });
    bar.update({ phase: 'swapped', position: 400, head: 400, eventsPerSecond: 1000 });
    bar.stop();
    expect(terminal.frames.at(-1)).toMatch(/^rebuilding \S+ 100% \| 400\/400 positions \| 1000 events\/s \| \d+s elapsed \| swapped$/);
    expect(terminal.frames.filter((frame) => PLACEHOLDERS.test(frame))).toEqual([]);
  });

  it('draws nothing when disabled (not a terminal, or --no-progress)', () => {
    const terminal = new FakeTerminal();
    const bar = new RebuildProgressBar(false, 'events', terminal);
    bar.update({ phase: 'replaying', position: 1, head: 2, eventsPerSecond: 1 });
    bar.stop();
    expect(terminal.frames).toEqual([]);
  });
});
