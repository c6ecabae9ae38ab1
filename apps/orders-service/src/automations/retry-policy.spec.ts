import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelayMs } from './retry-policy';
import { signTrigger } from './trigger-signature';

describe('retry policy', () => {
  it('doubles the delay per failed attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 100, 1000))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelayMs(1000, 100, 5000)).toBe(5000);
  });

  it('dead-letters after the last allowed attempt', () => {
    const policy = { retryBaseMs: 10, retryMaxMs: 100, maxAttempts: 3 };
    expect(nextAttemptAt(1_000, 1, policy)).toBe(1_010);
    expect(nextAttemptAt(1_000, 2, policy)).toBe(1_020);
    expect(nextAttemptAt(1_000, 3, policy)).toBeNull();
  });
});

describe('trigger signature', () => {
  it('is the hex HMAC-SHA256 of the raw body (RFC 4231 test case 2)', () => {
    expect(signTrigger('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
