/**
 * The oldest EventStoreDB / KurrentDB server this adapter runs on: 23.10.0.
 *  - Servers before 23.10 send an extra checkpoint when a filtered `$all` subscription goes live; the
 *    subscription then drops any event at or below that checkpoint, so a subscriber can skip an event
 *    (fixed in 23.10; the 21.10 backport does not help: 21.10 has no positions in stream reads, which
 *    the adapter needs, and 22.x never got the fix).
 *  - 23.10 also sends the native caught-up signal the subscription relies on.
 * KurrentDB (24.x/25.x numbering continued) is accepted: its versions compare above 23.10.
 */
export const MIN_SERVER_VERSION = '23.10.0';

/** The server runs a version below MIN_SERVER_VERSION, or did not tell its version (older than 21.10). */
export class UnsupportedServerVersionError extends Error {
  constructor(
    readonly found: string,
    readonly minimum: string = MIN_SERVER_VERSION,
  ) {
    super(
      found === 'unknown'
        ? `the EventStoreDB server did not report its version (servers before 21.10 do not); ${minimum} or later is required`
        : `EventStoreDB server version ${found} is not supported; ${minimum} or later is required`,
    );
    this.name = 'UnsupportedServerVersionError';
  }
}

/** `23.10.1.0`, `24.10.0-rc1`, `v25.0.1` → [major, minor, patch]; undefined when it is not a version. */
export function parseServerVersion(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** Throws UnsupportedServerVersionError when `found` (as the server reports it) is below `minimum` or unreadable. */
export function assertSupportedServerVersion(found: string, minimum = MIN_SERVER_VERSION): void {
  const actual = parseServerVersion(found);
  const floor = parseServerVersion(minimum)!;
  if (!actual) throw new UnsupportedServerVersionError(found || 'unknown', minimum);
  for (let i = 0; i < 3; i++) {
    if (actual[i]! > floor[i]!) return;
    if (actual[i]! < floor[i]!) throw new UnsupportedServerVersionError(found, minimum);
  }
}
