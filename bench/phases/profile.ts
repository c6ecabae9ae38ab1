import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from '../support/options';
import type { OrderTemplate } from '@orders/demo-data';
import { BENCH_OUT, newTempDir, startOrdersService } from '../support/service';
import { round } from '../support/stats';
import { registrationLoad } from './registration';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  /** µs on the monotonic clock (the one process.hrtime reads) */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A time window in µs of the monotonic clock. */
export interface Window {
  fromUs: number;
  toUs: number;
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  /** share of the non-idle profile time */
  percent: number;
}

export interface ProfileResult {
  file: string;
  /** non-idle milliseconds sampled during the measured load (start-up and warm-up left out) */
  busyMs: number;
  /** sampled milliseconds in the window, idle included */
  windowMs: number;
  registerRps: number;
  topFunctions: ProfileEntry[];
  /** self time summed per origin: npm package, node core, the service bundle, V8/native */
  byOrigin: { origin: string; selfMs: number; percent: number }[];
  /** self time in the logging and metrics packages (pino*, prom-client), % of busy: their own code, not what they call */
  loggingAndMetricsPercent: number;
  /** the projector's worker thread (orders-proj) over the same window, when its profile was found */
  projector?: ThreadProfile;
}

/** The profile of one worker thread over the measured window. */
export interface ThreadProfile {
  file: string;
  busyMs: number;
  windowMs: number;
  topFunctions: ProfileEntry[];
  /** self time of better-sqlite3's transaction wrapper (BEGIN, COMMIT with its WAL writes and checkpoints), % of busy */
  transactionPercent: number;
}

const LOGGING_AND_METRICS = /^(pino|pino-.*|@pinojs\/.*|nestjs-pino|prom-client|sonic-boom|fast-redact|thread-stream)$/;

function originOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? url);
  }
  if (url.endsWith('/service/main.js')) return 'service bundle (apps + libs)';
  if (url.startsWith('node:')) return 'node core';
  if (url === '') return functionName.startsWith('(') ? functionName : 'native (V8 builtins, addons: better-sqlite3 calls incl. fsync)';
  return url;
}

function where(frame: CallFrame): string {
  if (frame.url === '') return 'native';
  const modules = frame.url.lastIndexOf('/node_modules/');
  const short = modules >= 0 ? frame.url.slice(modules + '/node_modules/'.length) : frame.url.replace(/^.*\/dist-bench\//, 'dist-bench/');
  return `${short}:${frame.lineNumber + 1}`;
}

/**
 * Self time per function and per origin from a .cpuprofile, counting only samples inside `window`
 * (all when absent); `(idle)` is left out of the shares.
 */
export function analyseProfile(profile: CpuProfile, window?: Window, top = 15): Omit<ProfileResult, 'file' | 'registerRps'> {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, { frame: CallFrame; us: number }>();
  let time = profile.startTime;
  let windowUs = 0;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    if (!frame || (window && (time < window.fromUs || time > window.toUs))) return;
    windowUs += profile.timeDeltas[i] ?? 0;
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
    const entry = byFunction.get(key) ?? { frame, us: 0 };
    entry.us += profile.timeDeltas[i] ?? 0;
    byFunction.set(key, entry);
  });
  const busy = [...byFunction.values()].filter((e) => e.frame.functionName !== '(idle)');
  const busyUs = busy.reduce((sum, e) => sum + e.us, 0);
  const share = (us: number): number => round((100 * us) / busyUs, 1);
  const origins = new Map<string, number>();
  for (const entry of busy) origins.set(originOf(entry.frame), (origins.get(originOf(entry.frame)) ?? 0) + entry.us);
  return {
    busyMs: round(busyUs / 1000, 0),
    windowMs: round(windowUs / 1000, 0),
    topFunctions: busy
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({
        name: e.frame.functionName || '(anonymous)',
        where: where(e.frame),
        selfMs: round(e.us / 1000, 0),
        percent: share(e.us),
      })),
    byOrigin: [...origins].sort((a, b) => b[1] - a[1]).map(([origin, us]) => ({ origin, selfMs: round(us / 1000, 0), percent: share(us) })),
    loggingAndMetricsPercent: share(
      [...origins].filter(([origin]) => LOGGING_AND_METRICS.test(origin)).reduce((sum, [, us]) => sum + us, 0),
    ),
  };
}

/** Profiles the service (node --cpu-prof) under the registration load; the profile is kept in dist-bench/profiles/. */
export async function profileRegistration(
  binary: string,
  options: BenchOptions,
  templates: readonly OrderTemplate[],
): Promise<ProfileResult> {
  const dataDir = newTempDir('profile-data');
  const profileDir = newTempDir('profile');
  try {
    // at the default LOG_LEVEL (one JSON line per request on stdout), so the profile shows what logging costs
    const service = await startOrdersService(binary, dataDir, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], { LOG_LEVEL: 'log' });
    let registerRps = 0;
    let window: Window;
    try {
      if (options.warmupSeconds > 0) await registrationLoad(service, options, templates, options.warmupSeconds, 'warm');
      const fromUs = nowUs();
      registerRps = (await registrationLoad(service, options, templates, options.profileSeconds, 'profiled')).rps;
      window = { fromUs, toUs: nowUs() };
    } finally {
      await service.stop();
    }
    // --cpu-prof writes one file per thread, CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the main thread is 0
    const names = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    const name = names.find((f) => threadIdOf(f) === 0);
    if (!name) throw new Error(`the service wrote no .cpuprofile of its main thread (found: ${names.join(', ') || 'none'})`);
    const kept = join(BENCH_OUT, 'profiles');
    mkdirSync(kept, { recursive: true });
    const file = join(kept, 'register-latest.cpuprofile');
    copyFileSync(join(profileDir, name), file);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    let analysis = analyseProfile(profile, window);
    // the window relies on V8's profile clock being process.hrtime's; if not, count every sample
    const windowed = analysis.windowMs >= 100;
    if (!windowed) analysis = analyseProfile(profile);
    const projector = projectorProfile(profileDir, names, kept, windowed ? window : undefined);
    return { file: 'dist-bench/profiles/register-latest.cpuprofile', registerRps, ...analysis, ...(projector ? { projector } : {}) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

const threadIdOf = (file: string): number | undefined => {
  const match = /\.(\d+)\.\d+\.cpuprofile$/.exec(file);
  return match ? Number(match[1]) : undefined;
};

/** How much of a profile's sampled time ran inside a function of this name (inclusive), in µs. */
export function inclusiveUs(profile: CpuProfile, functionName: string): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const named = new Set(profile.nodes.filter((node) => node.callFrame.functionName === functionName).map((node) => node.id));
  const inside = new Map<number, boolean>();
  const isInside = (id: number): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result = named.has(id) || (up !== undefined && isInside(up));
    inside.set(id, result);
    return result;
  };
  return profile.samples.reduce((sum, id, i) => sum + (isInside(id) ? (profile.timeDeltas[i] ?? 0) : 0), 0);
}

/**
 * The projector thread's profile: of the workers' profiles, the one that spent the most time in
 * `applyBatch` (the read-model transaction), kept as register-projector-latest.cpuprofile.
 */
function projectorProfile(dir: string, names: readonly string[], kept: string, window: Window | undefined): ThreadProfile | undefined {
  let best: { name: string; profile: CpuProfile; us: number } | undefined;
  for (const name of names) {
    if (threadIdOf(name) === 0) continue;
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile;
    const us = inclusiveUs(profile, 'applyBatch');
    if (us > 0 && (!best || us > best.us)) best = { name, profile, us };
  }
  if (!best) return undefined;
  copyFileSync(join(dir, best.name), join(kept, 'register-projector-latest.cpuprofile'));
  const analysis = analyseProfile(best.profile, window, Number.MAX_SAFE_INTEGER);
  const transaction = analysis.topFunctions.filter((f) => f.name === 'sqliteTransaction').reduce((sum, f) => sum + f.percent, 0);
  return {
    file: 'dist-bench/profiles/register-projector-latest.cpuprofile',
    busyMs: analysis.busyMs,
    windowMs: analysis.windowMs,
    topFunctions: analysis.topFunctions.slice(0, 10),
    transactionPercent: round(transaction, 1),
  };
}
