export interface FailureBackoffOptions {
  /** the delay after the first failure of a streak (default 1 s) */
  initialDelayMs?: number;
  /** the delay never grows past this (default 30 s) */
  maxDelayMs?: number;
  /** called once when a streak of failures starts (not again for the following failures) */
  onFailing?(error: unknown): void;
  /** called once when a call succeeds after a streak: how many failures, since when */
  onRecovered?(failures: number, sinceMs: number): void;
}

export interface FailureState {
  /** first failure of the streak (epoch ms) */
  since: number;
  failures: number;
  error: unknown;
}

/**
 * Bounded exponential back-off for a background loop (a projector, a dispatcher) that retries after a
 * failure: 1 s, 2 s, 4 s … up to the cap, reset by a success. It reports a change of state once — when
 * the loop starts failing and when it recovers — so that a long outage is two log lines, not one a second.
 */
export class FailureBackoff {
  private state: FailureState | null = null;

  constructor(private readonly options: FailureBackoffOptions = {}) {}

  /** Records a failure; returns how long to wait before the next attempt. */
  failed(error: unknown, now = Date.now()): number {
    if (this.state) {
      this.state.failures++;
      this.state.error = error;
    } else {
      this.state = { since: now, failures: 1, error };
      this.options.onFailing?.(error);
    }
    const initial = this.options.initialDelayMs ?? 1_000;
    const max = this.options.maxDelayMs ?? 30_000;
    return Math.min(max, initial * 2 ** Math.min(this.state.failures - 1, 30));
  }

  /** Records a success: ends a streak (reported once), else nothing. */
  succeeded(): void {
    if (!this.state) return;
    const { failures, since } = this.state;
    this.state = null;
    this.options.onRecovered?.(failures, since);
  }

  /** the current streak, or null while the loop works */
  get failing(): FailureState | null {
    return this.state ? { ...this.state } : null;
  }
}
