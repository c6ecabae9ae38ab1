import { describe, expect, it } from 'vitest';
import { API_KEY_PATTERN, generateApiKey, hashApiKey, sameHash } from './api-key';

describe('hashApiKey', () => {
  it('is the SHA-256 of the key in hex (what stored keys are found by)', () => {
    // FIPS 180-2 test vector, and a key of the service's own form
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiKey('bench-admin-key-0123456789abcdef')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey('bench-admin-key-0123456789abcdef')).not.toBe(hashApiKey('bench-admin-key-0123456789abcdeF'));
  });

  it('hashes a generated key so that sameHash recognises it, and only it', () => {
    const key = generateApiKey();
    expect(key).toMatch(API_KEY_PATTERN);
    expect(sameHash(hashApiKey(key), hashApiKey(key))).toBe(true);
    expect(sameHash(hashApiKey(key), hashApiKey(generateApiKey()))).toBe(false);
  });
});
