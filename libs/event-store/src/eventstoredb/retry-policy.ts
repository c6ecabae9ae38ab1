export interface RetryPolicy {
  /** delay before the first retry */
  initialDelayMs: number;
  /** the delay doubles per failed attempt up to this */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 30_000 };

/** Exponential back-off: attempt 1 waits initialDelayMs, each further attempt twice as long, capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
