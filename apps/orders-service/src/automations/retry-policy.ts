/** Delay before attempt `failedAttempts + 1`: base, 2×base, 4×base, … capped at `maxMs`. */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

/** When to try again after `failedAttempts` failures, or null when the delivery goes to the dead letters. */
export function nextAttemptAt(
  nowMs: number,
  failedAttempts: number,
  policy: { retryBaseMs: number; retryMaxMs: number; maxAttempts: number },
): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  return nowMs + retryDelayMs(failedAttempts, policy.retryBaseMs, policy.retryMaxMs);
}
