/** Percentile (nearest rank) of an unsorted sample; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const ratio = (value: number, baseline: number): number => (baseline > 0 ? round(value / baseline, 3) : Number.NaN);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` repeatedly for about `seconds`; returns the operations done (fn returns how many it did) and the elapsed seconds. */
export async function forDuration(seconds: number, fn: () => number | Promise<number>): Promise<{ operations: number; elapsed: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let operations = 0;
  while (performance.now() < deadline) operations += await fn();
  return { operations, elapsed: (performance.now() - started) / 1000 };
}
