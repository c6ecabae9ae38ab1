import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small tmpfs of its own, to meet a real full disk (needs root: mount(8)). */
export interface SmallTmpfs {
  dir: string;
  /** takes every free byte with a filler file (until ENOSPC); returns the bytes written */
  fill(): number;
  /** removes the filler */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (e.g. '4m'); the reason why not (not root, say) when it cannot. */
export function mountSmallTmpfs(size: string): SmallTmpfs | { skipped: string } {
  const dir = mkdtempSync(join(tmpdir(), 'orders-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmdirSync(dir);
    return { skipped: `cannot mount a tmpfs (${(mounted.stderr || String(mounted.error)).trim()}): needs root` };
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      let written = 0;
      try {
        for (const size of [1 << 20, 1 << 16, 4096, 512]) {
          const bytes = Buffer.alloc(size, 1);
          for (;;) {
            try {
              written += writeSync(fd, bytes);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free: () => rmSync(filler, { force: true }),
    unmount() {
      // lazily when a file is still open (a failed test that did not close its store)
      if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
      rmdirSync(dir);
    },
  };
}
