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

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
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
    const name = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (!name) throw new Error('the service wrote no .cpuprofile');
    const kept = join(BENCH_OUT, 'profiles');
    mkdirSync(kept, { recursive: true });
    const file = join(kept, 'register-latest.cpuprofile');
    copyFileSync(join(profileDir, name), file);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    let analysis = analyseProfile(profile, window);
    // the window relies on V8's profile clock being process.hrtime's; if not, count every sample
    if (analysis.windowMs < 100) analysis = analyseProfile(profile);
    return { file: 'dist-bench/profiles/register-latest.cpuprofile', registerRps, ...analysis };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}
