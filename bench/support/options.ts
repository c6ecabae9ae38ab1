/** Command-line options and the durations of each mode. `--quick` finishes in under 3 minutes. */
export interface BenchOptions {
  quick: boolean;
  build: boolean;
  profile: boolean;
  seed: number;
  /** interleaved ceiling/service rounds of the registration comparison */
  rounds: number;
  /** seconds of measured load per round and side */
  roundSeconds: number;
  /** seconds of unmeasured warm-up before each HTTP run */
  warmupSeconds: number;
  /** seconds per update variant (4 variants) */
  updateSeconds: number;
  /** seconds of the lag phase */
  lagSeconds: number;
  /** seconds of registration load while the CPU profiler runs */
  profileSeconds: number;
  /** alternating rounds of the event-store comparison, and seconds per variant and round (4 variants) */
  appendRounds: number;
  appendSeconds: number;
  connections: number;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const seedArg = argv.find((a) => a.startsWith('--seed='));
  const seed = seedArg ? Number(seedArg.slice('--seed='.length)) : 20261123;
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${seedArg}`);
  const unknown = argv.filter((a) => !['--quick', '--no-build', '--no-profile'].includes(a) && !a.startsWith('--seed='));
  if (unknown.length > 0) throw new Error(`unknown option(s) ${unknown.join(' ')}; use [--quick] [--no-build] [--no-profile] [--seed=N]`);
  return {
    quick,
    build: !argv.includes('--no-build'),
    profile: !argv.includes('--no-profile'),
    seed,
    rounds: quick ? 2 : 5,
    roundSeconds: quick ? 4 : 6,
    warmupSeconds: quick ? 2 : 5,
    updateSeconds: quick ? 5 : 15,
    lagSeconds: quick ? 8 : 30,
    profileSeconds: quick ? 6 : 20,
    appendRounds: quick ? 4 : 8,
    appendSeconds: quick ? 0.5 : 1.5,
    connections: 50,
  };
}
