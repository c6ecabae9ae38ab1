import { decodeVersionTag, encodeVersionTag } from '@orders/domain';
import { preconditionFailed } from './application-error';

const ENTITY_TAG = /^(?:W\/)?"([^"]*)"$|^([0-9a-z]+-[0-9a-f]+)$/;

/**
 * The tags of an `If-Match` header: `*`, or a comma-separated list of `"<versionTag>"` (quotes and
 * the weak prefix `W/` optional). null when the header is malformed.
 */
export function parseIfMatch(header: string): '*' | string[] | null {
  const trimmed = header.trim();
  if (trimmed === '*') return '*';
  const parts = trimmed.split(',').map((part) => part.trim());
  const tags: string[] = [];
  for (const part of parts) {
    const match = ENTITY_TAG.exec(part);
    if (!match) return null;
    tags.push((match[1] ?? match[2])!);
  }
  return tags.length > 0 ? tags : null;
}

/**
 * Throws PRECONDITION_FAILED (with the current versionTag) unless `If-Match` names the order's current versionTag (the tag of
 * `version`, the revision of its current content). A malformed header fails it too.
 */
export function assertIfMatch(header: string | undefined, orderId: string, version: number): void {
  if (header === undefined) return;
  const current = encodeVersionTag(orderId, version);
  const tags = parseIfMatch(header);
  if (tags === '*') return;
  if (tags === null) {
    throw preconditionFailed(current, 'The If-Match header is malformed: send If-Match: "<versionTag>" from the order\'s ETag.');
  }
  if (!tags.some((tag) => decodeVersionTag(orderId, tag) === version)) {
    throw preconditionFailed(current, `The order has moved on: its current versionTag is ${current}.`);
  }
}
