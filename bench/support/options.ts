/** The phases, in the order they run; `--phases=a,b` runs a selection. */
export const PHASES = [
  'register',
  'lag',
  'openloop',
  'updates',
  'segments',
  'eventstore',
  'personaldata',
  'rebuild',
  'badinput',
  'profile',
] as const;
export type Phase = (typeof PHASES)[number];

/** Phases that need the orders (and the maximum rate) the registration phase produces: it is added for them. */
const NEEDS_REGISTER: readonly Phase[] = ['lag', 'openloop', 'updates', 'segments', 'rebuild'];

/** Command-line options and the durations of each mode. `--quick` finishes in under 3 minutes. */
export interface BenchOptions {
  /** the phases to run (all unless `--phases=`; `--no-profile` drops `profile`) */
  phases: ReadonlySet<Phase>;
  /** every phase runs (the profile may be left out) at rates from the measured maximum: only then are bench/results/latest.* written, else latest-partial.* */
  complete: boolean;
  /** `--max-rate=N`: the registration rate (req/s) the lag and open-loop phases offer a share of, instead of the measured maximum */
  maxRate?: number;
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
  /** seconds per offered rate of the open-loop latency phase (3 rates) */
  openLoopSeconds: number;
  /** seconds of registration load while the CPU profiler runs */
  profileSeconds: number;
  /** alternating rounds of the event-store comparison, and seconds per variant and round (4 variants) */
  appendRounds: number;
  appendSeconds: number;
  connections: number;
}

/** What `npm run bench -- --help` prints. */
export const USAGE = `usage: npm run bench -- [--quick] [--no-build] [--no-profile] [--seed=N] [--phases=a,b,...] [--max-rate=N]

  Runs the service and same-run baselines on 127.0.0.1 and writes bench/results/latest.{md,json}
  (latest-partial.* when phases are left out). Full mode takes about 8 minutes on a quiet 2-core machine.

  --quick          shorter phases (about 4 minutes); figures are noisier
  --no-build       bench the current dist/ (run \`npm run build\` first) instead of building the service
  --no-profile     leave out the CPU profile under registration load
  --seed=N         seed of the generated orders (default 20261123)
  --phases=a,b     run only these phases (register is added for ${NEEDS_REGISTER.join(', ')}):
                   ${PHASES.join(', ')}
  --max-rate=N     offer the lag phase (half) and the open-loop phase (25 / 50 / 75 %) shares of N req/s
                   instead of the measured maximum, so that two builds are compared at the same rates;
                   the results go to latest-partial.*
  --help           print this and exit

  BENCH_NODE_ARGS="--flag ..." adds Node flags to the service's (those of \`npm run start:prod\`).
  See docs/performance.md for what each phase measures and the goals.
`;

/** True when the command line asks for the usage text (printed by bench/main.ts before any work). */
export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const seedArg = argv.find((a) => a.startsWith('--seed='));
  const seed = seedArg ? Number(seedArg.slice('--seed='.length)) : 20261123;
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${seedArg}`);
  const unknown = argv.filter((a) => !['--quick', '--no-build', '--no-profile'].includes(a) && !/^--(seed|phases|max-rate)=/.test(a));
  if (unknown.length > 0) {
    throw new Error(
      `unknown option(s) ${unknown.join(' ')}; use [--quick] [--no-build] [--no-profile] [--seed=N] [--phases=${PHASES.join(',')}] [--max-rate=N] (--help for more)`,
    );
  }
  const maxRateArg = argv.find((a) => a.startsWith('--max-rate='));
  const maxRate = maxRateArg === undefined ? undefined : Number(maxRateArg.slice('--max-rate='.length));
  if (maxRate !== undefined && !(Number.isSafeInteger(maxRate) && maxRate >= 20 && maxRate <= 100_000))
    throw new Error(`--max-rate must be a whole number of requests a second from 20 to 100000, got ${maxRateArg}`);
  const phases = parsePhases(argv.find((a) => a.startsWith('--phases='))?.slice('--phases='.length));
  if (argv.includes('--no-profile')) phases.delete('profile');
  return {
    phases,
    complete: maxRate === undefined && PHASES.every((phase) => phase === 'profile' || phases.has(phase)),
    ...(maxRate === undefined ? {} : { maxRate }),
    quick,
    build: !argv.includes('--no-build'),
    profile: phases.has('profile'),
    seed,
    rounds: quick ? 2 : 5,
    roundSeconds: quick ? 4 : 6,
    warmupSeconds: quick ? 2 : 5,
    updateSeconds: quick ? 5 : 15,
    lagSeconds: quick ? 8 : 30,
    openLoopSeconds: quick ? 5 : 15,
    profileSeconds: quick ? 6 : 20,
    appendRounds: quick ? 4 : 8,
    appendSeconds: quick ? 0.5 : 1.5,
    connections: 50,
  };
}

function parsePhases(list: string | undefined): Set<Phase> {
  if (list === undefined) return new Set(PHASES);
  const named = list.split(',').filter((name) => name !== '');
  const wrong = named.filter((name) => !(PHASES as readonly string[]).includes(name));
  if (wrong.length > 0 || named.length === 0)
    throw new Error(`--phases: unknown ${wrong.join(',') || '(none given)'}; phases are ${PHASES.join(',')}`);
  const phases = new Set(named as Phase[]);
  if (NEEDS_REGISTER.some((phase) => phases.has(phase))) phases.add('register');
  return phases;
}
