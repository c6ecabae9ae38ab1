/**
 * versionTag (SPEC §5): an opaque, URL-safe string that encodes an order's stream revision.
 *
 * Format `<revision in base 36>-<8 hex digits>`, the hex digits being a 32-bit FNV-1a checksum of the
 * orderId and the revision, so that a tag of one order is not accepted for another and a hand-edited
 * revision is caught. It is a checksum, not a signature: it guards against mistakes, not against forgery.
 */
const TAG = /^([0-9a-z]{1,11})-([0-9a-f]{8})$/;

/** 32-bit FNV-1a over the UTF-16 code units of `text`, as 8 lower-case hex digits. */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const checksum = (orderId: string, revision: number): string => fnv1a32(`${orderId}\u0000${revision}`);

export function encodeVersionTag(orderId: string, revision: number): string {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`a stream revision is a non-negative integer, got ${revision}`);
  }
  return `${revision.toString(36)}-${checksum(orderId, revision)}`;
}

/** The revision `tag` encodes for `orderId`, or null when the tag is malformed or belongs to another order. */
export function decodeVersionTag(orderId: string, tag: unknown): number | null {
  if (typeof tag !== 'string' || typeof orderId !== 'string') return null;
  const match = TAG.exec(tag);
  if (!match) return null;
  const [, revisionPart, sum] = match as unknown as [string, string, string];
  const revision = parseInt(revisionPart, 36);
  if (!Number.isSafeInteger(revision)) return null;
  // one spelling per revision: no leading zeros ("01-…" is not the tag of revision 1)
  if (revision.toString(36) !== revisionPart) return null;
  return checksum(orderId, revision) === sum ? revision : null;
}
