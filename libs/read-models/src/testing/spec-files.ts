import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

type Cleanup = () => void | Promise<void>;

/**
 * For a spec file: what its tests register (closing a store, removing a directory) runs after each test,
 * the last registered first; `tempFile()` is a read-models file path in a temp directory of its own.
 */
export function specFiles(prefix: string): { cleanup: (action: Cleanup) => void; tempFile: () => string } {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const action of cleanups.splice(0).reverse()) await action();
  });
  const cleanup = (action: Cleanup): void => void cleanups.push(action);
  const tempFile = (): string => {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    cleanup(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'read-models.sqlite');
  };
  return { cleanup, tempFile };
}
