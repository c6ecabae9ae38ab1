import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@orders/event-store';

/** What identifies a client's retry: the key it sent, scoped by the API key, and what it asked for. */
export interface IdempotencyScope {
  apiKeyName: string;
  idempotencyKey: string;
  /** SHA-256 (hex) of the canonical request */
  requestHash: string;
}

/** The scope of a request with an `Idempotency-Key` (none without one); `request` is what a retry must repeat. */
export function idempotencyScope(meta: { apiKeyName?: string; idempotencyKey?: string }, request: unknown): IdempotencyScope | undefined {
  if (!meta.idempotencyKey) return undefined;
  return { apiKeyName: meta.apiKeyName ?? '', idempotencyKey: meta.idempotencyKey, requestHash: requestHash(request) };
}

/** JSON with object keys sorted at every level (undefined members dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/**
 * SHA-256 of the canonical command: the command carries the operation, the orderId and the body as
 * the API understood it, so the same key for another operation, order or body hashes differently.
 */
export const requestHash = (command: unknown): string => createHash('sha256').update(canonicalJson(command)).digest('hex');

/**
 * A deterministic event id for the `index`-th event of an idempotent change: a UUID (version 5
 * layout) from SHA-256 of (API key name, idempotency key, index). A concurrent duplicate therefore
 * appends the very same ids, which the store acknowledges or refuses instead of writing twice.
 */
export function idempotentEventId(apiKeyName: string, idempotencyKey: string, index: number): string {
  const bytes = createHash('sha256')
    .update(`orders-idempotency\u0000${apiKeyName}\u0000${idempotencyKey}\u0000${index}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The key a change is remembered under: the Idempotency-Key scoped by the API key's name. */
export const scopedIdempotencyKey = (apiKeyName: string, idempotencyKey: string): string => `${apiKeyName}\u0000${idempotencyKey}`;

/** The scoped key an event was written under (see {@link scopedIdempotencyKey}), or undefined for an event without one. */
export function eventIdempotencyKey(event: RecordedEvent): string | undefined {
  const key = event.metadata.idempotencyKey;
  if (typeof key !== 'string') return undefined;
  return scopedIdempotencyKey(typeof event.metadata.apiKeyName === 'string' ? event.metadata.apiKeyName : '', key);
}
