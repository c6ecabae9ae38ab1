import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../event-store.port';
import { WrongExpectedVersionError } from '../event-store.port';

export type StoreFactory = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

/** Access to the store of the running test (set up by beforeEach in the contract). */
export interface ContractContext {
  store(): EventStore;
}

/** A stream id unique to this run, so that the suite can run against a shared server. */
export function uniqueStream(category = 'contract'): string {
  return `${category}-${randomUUID().replace(/-/g, '')}`;
}

/** A stream-id prefix unique to this run (streams `${prefix}-…` match it, nothing else does). */
export function uniquePrefix(): string {
  return `ct${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export function newEvent(type = 'Tested', data: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: { correlationId: randomUUID(), schemaVersion: 1 } };
}

export function newEvents(count: number, type = 'Tested'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

/** Settles `promise` and returns its rejection, failing if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

export async function expectConflict(
  promise: Promise<unknown>,
  expected: { streamId: string; expected: unknown; actual: number | 'no_stream' },
): Promise<WrongExpectedVersionError> {
  const error = await rejectionOf(promise);
  if (!(error instanceof WrongExpectedVersionError)) throw new Error(`expected WrongExpectedVersionError, got ${String(error)}`);
  if (error.code !== 'WRONG_EXPECTED_VERSION') throw new Error(`unexpected code ${error.code}`);
  if (error.streamId !== expected.streamId || error.expected !== expected.expected || error.actual !== expected.actual) {
    throw new Error(
      `conflict fields ${JSON.stringify([error.streamId, error.expected, error.actual])} ` +
        `!= ${JSON.stringify([expected.streamId, expected.expected, expected.actual])}`,
    );
  }
  return error;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

export function isStrictlyIncreasing(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || value > (values[i - 1] ?? Number.NEGATIVE_INFINITY));
}
