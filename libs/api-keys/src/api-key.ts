import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of generated keys, so that a leaked key is recognisable (e.g. by secret scanners). */
export const API_KEY_PREFIX = 'ok_';

/** A given key (header or ADMIN_API_KEY): 16–256 visible ASCII characters. */
export const API_KEY_PATTERN = /^[\x21-\x7e]{16,256}$/;

/** A key's name: what event metadata and logs show. */
export const API_KEY_NAME_PATTERN = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** A new key: 32 random bytes (256 bits), base64url. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 of the key, hex. A plain (unsalted) hash is enough for keys of 256 random bits: there is
 * nothing to brute-force, and it lets a presented key be found by its hash. One-shot `crypto.hash` (Node
 * ≥ 20.12), not a Hash object per call: this runs for every request (createHash + update + digest was
 * 14 µs, 1 % of the request thread under registration load).
 */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function assertApiKeyName(name: string): void {
  if (!API_KEY_NAME_PATTERN.test(name)) {
    throw new RangeError(`invalid key name '${name}': 1–64 characters, letters, digits, '_', '.', '-', starting with a letter or digit`);
  }
}
