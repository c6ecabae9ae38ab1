import { charCount } from '@orders/domain/field-rules';
import { ORDER_ID_MAX } from '@orders/domain/normalize-order';

/**
 * A job identifies a change by its order and the stream revision of the change's event; no job table
 * is needed. The id is the base64url of `<revision>:<orderId>` (UTF-8).
 */
export function encodeJobId(orderId: string, revision: number): string {
  return Buffer.from(`${revision}:${orderId}`, 'utf8').toString('base64url');
}

/** Revisions are safe integers: at most 16 digits. */
const MAX_REVISION_DIGITS = 16;
/**
 * The longest job id: `<revision>:<orderId>` with an orderId of ORDER_ID_MAX characters (Unicode code
 * points, as the DTO and the domain count them) of up to 4 UTF-8 bytes each, in base64url without padding.
 */
export const MAX_JOB_ID_LENGTH = Math.ceil(((MAX_REVISION_DIGITS + 1 + 4 * ORDER_ID_MAX) * 4) / 3);
const JOB_ID = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_JOB_ID_LENGTH}}$`);

export function decodeJobId(jobId: string): { orderId: string; revision: number } | null {
  if (!JOB_ID.test(jobId)) return null;
  const text = Buffer.from(jobId, 'base64url').toString('utf8');
  const match = /^(0|[1-9]\d{0,15}):(.+)$/s.exec(text);
  if (!match) return null;
  const revision = Number(match[1]);
  const orderId = match[2]!;
  if (!Number.isSafeInteger(revision) || charCount(orderId) > ORDER_ID_MAX) return null;
  // one spelling per job: the id must be exactly what encodeJobId writes (no padding, no stray bits)
  return encodeJobId(orderId, revision) === jobId ? { revision, orderId } : null;
}
