import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_CACHE_KIB } from './page-cache';
import { openDatabase } from './schema';

describe('page cache per connection', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("the event log connections use PAGE_CACHE_KIB, not better-sqlite3's 16 MB default", () => {
    const dir = mkdtempSync(join(tmpdir(), 'page-cache-'));
    dirs.push(dir);
    const file = join(dir, 'events.sqlite');
    const writer = openDatabase({ file });
    const reader = openDatabase({ file, readonly: true });
    try {
      expect(writer.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB.events);
      expect(reader.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB.reader);
    } finally {
      reader.close();
      writer.close();
    }
  });
});
