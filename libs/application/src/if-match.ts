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

/** The ETag of a register entry: its stream revision, quoted (`"3"`); the entry's version. */
export const registerEntityTag = (revision: number): string => `"${revision}"`;

/**
 * Throws PRECONDITION_FAILED unless `If-Match` names the register entry's current revision (`"<revision>"`,
 * the ETag of its GET; a bare number is accepted too) or is `*`. An entry that does not exist (never
 * written, or deleted) matches nothing, not even `*` (RFC 9110 §13.1.1). A malformed header fails it too.
 */
export function assertRegisterIfMatch(header: string | undefined, exists: boolean, revision: number | null): void {
  if (header === undefined) return;
  const current = revision === null ? undefined : String(revision);
  const fail = (detail: string) => preconditionFailed(current, detail);
  const trimmed = header.trim();
  const tags = /^\d+$/.test(trimmed) ? [trimmed] : parseIfMatch(trimmed);
  if (tags === null) throw fail('The If-Match header is malformed: send If-Match: "<revision>" from the entry\'s ETag.');
  if (!exists) throw fail('The entry does not exist, so If-Match cannot match it.');
  if (tags === '*') return;
  if (!tags.includes(current!)) throw fail(`The entry has moved on: its current ETag is "${current}".`);
}
