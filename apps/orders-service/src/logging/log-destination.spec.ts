import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bufferedLogDestination } from './log-destination';

const line = (n: number, bytes = 100): string => `${JSON.stringify({ n, pad: 'x'.repeat(bytes - 20) })}\n`;

describe('bufferedLogDestination', () => {
  let dir: string;
  let file: string;
  let fd: number;
  const written = (): string => readFileSync(file, 'utf8');
  const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-destination-'));
    file = join(dir, 'stdout.log');
    fd = openSync(file, 'w');
  });

  afterEach(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds short lines back until it is flushed, then writes them all and calls back', async () => {
    const log = bufferedLogDestination(fd, { flushMs: 60_000 });
    log.write(line(1));
    log.write(line(2));
    await pause(50);
    expect(written()).toBe('');
    await new Promise<void>((done, fail) => log.flush((error) => (error ? fail(error) : done())));
    expect(written()).toBe(line(1) + line(2));
  });

  it('writes what it holds on its own after the flush interval', async () => {
    const log = bufferedLogDestination(fd, { flushMs: 20 });
    log.write(line(1));
    await vi.waitFor(() => expect(written()).toBe(line(1)), { timeout: 2_000 });
    log.write(line(2)); // a new interval starts with the next line
    await vi.waitFor(() => expect(written()).toBe(line(1) + line(2)), { timeout: 2_000 });
  });

  it('writes a full chunk without waiting for the interval', async () => {
    const log = bufferedLogDestination(fd, { chunkBytes: 1_000, flushMs: 60_000 });
    const lines = Array.from({ length: 12 }, (_, n) => line(n));
    for (const text of lines) log.write(text);
    await vi.waitFor(() => expect(written().length).toBeGreaterThanOrEqual(1_000), { timeout: 2_000 });
    expect(lines.join('').startsWith(written())).toBe(true);
  });

  it('drops and counts the lines past its limit instead of growing without bound', async () => {
    const log = bufferedLogDestination(fd, { chunkBytes: 10_000, flushMs: 60_000, maxBytes: 500 });
    log.write(line(1, 200));
    log.write(line(2, 200));
    log.write(line(3, 200));
    expect(log.dropped).toBe(1);
    log.flush();
    await vi.waitFor(() => expect(written()).toBe(line(1, 200) + line(2, 200)), { timeout: 2_000 });
  });
});
