import { cpus, loadavg, totalmem } from 'node:os';
import type { BadInputResult } from '../phases/bad-input';
import type { EventStoreResult } from '../phases/event-store';
import type { LagResult } from '../phases/lag';
import type { OpenLoopLatencyResult } from '../phases/open-loop';
import type { PersonalDataResult } from '../phases/personal-data';
import type { ProfileResult } from '../phases/profile';
import type { RebuildResult } from '../phases/rebuild';
import type { SegmentationResult } from '../phases/segmentation';
import type { UpdateResult } from '../phases/updates';
import type { LoadResult } from '../support/load';

export interface Machine {
  cores: number;
  cpuModel: string;
  nodeVersion: string;
  platform: string;
  totalMemoryMb: number;
  /** 1-minute load average when the run started and ended: other work on the machine */
  loadAverageStart: number;
  loadAverageEnd: number;
}

export interface Goal {
  goal: string;
  value: number;
  target: string;
  met: boolean;
}

/** The headline figures: top-level keys of latest.json; null when the phase measuring one did not run. */
export interface Headline {
  ceilingRps: number | null;
  registerRps: number | null;
  registerToCeilingRatio: number | null;
  /** CPU of every thread of the service process (/proc/<pid>/stat utime + stime) per 2xx registration, saturated */
  registerCpuMsPerRequest: number | null;
  ceilingCpuMsPerRequest: number | null;
  /** closed loop, 50 connections, saturated */
  registerP50Ms: number | null;
  registerP99Ms: number | null;
  /** open loop at half the maximum rate, from the intended send time */
  registerP99AtHalfMs: number | null;
  lagP50Ms: number | null;
  lagP99Ms: number | null;
  appendRatioToRaw: number | null;
  rebuildRatioToRaw: number | null;
  peakRssMb: number | null;
  segmentQueryP99Ms: number | null;
  getP99DuringSegmentsMs: number | null;
  getP99DuringAttackMs: number | null;
  badInputWorstCpuMs: number | null;
  badInputWorstRssDeltaMb: number | null;
  badInputWorstAnswerBytes: number | null;
  /** CPU µs to seal / open the personal fields of one order event (bench process, key cache warm, median of rounds) */
  personalDataSealUsPerEvent: number | null;
  personalDataOpenUsPerEvent: number | null;
  /** (seal + open) ÷ registerCpuMsPerRequest of the same run: a registration seals once and is opened once by the projector */
  personalDataShareOfRegistrationCpu: number | null;
  /** (seal + open) ÷ (registerCpuMsPerRequest − seal − open): how much registration CPU grows by sealing (issue 16: ≤ 10 %) */
  personalDataRegistrationCpuGrowth: number | null;
}

/** bench/results/latest.json (or latest-partial.json when only some phases ran). */
export interface BenchResults extends Headline {
  date: string;
  mode: 'quick' | 'full';
  /** the phases that ran */
  phases: string[];
  seed: number;
  /** --max-rate: the rate the lag and open-loop phases offered shares of, instead of the measured maximum */
  maxRate?: number;
  runSeconds: number;
  machine: Machine;
  /** ceiling CPU ms per request ÷ service CPU ms per request: the throughput ratio if both had a core to themselves */
  registerToCeilingCpuRatio: number | null;
  cpuMsPerRequest: { ceiling: number | null; register: number | null };
  /** the service's CPU per registration (saturated) by thread: request thread, worker roles, helpers */
  registerCpuMsPerRequestByThread: Record<string, number> | null;
  goals: Goal[];
  ceiling?: LoadResult;
  /** ceiling and service throughput per interleaved round */
  rounds?: { ceilingRps: number; registerRps: number }[];
  register?: LoadResult & { ordersAccepted: number; orderLines: { min: number; max: number; mean: number } };
  lag?: LagResult;
  openLoop?: OpenLoopLatencyResult;
  updates?: UpdateResult[];
  eventStore?: EventStoreResult;
  rebuild?: RebuildResult;
  segmentation?: SegmentationResult;
  badInput?: BadInputResult;
  personalData?: PersonalDataResult;
  memory?: { peakRssMb: number; peakRssMbByPhase: Record<string, number> };
  profile: ProfileResult | { skipped: string };
}

export function machineInfo(loadAverageStart: number): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
    loadAverageStart,
    loadAverageEnd: Math.round(loadavg()[0]! * 100) / 100,
  };
}

type Check = [goal: string, value: number | null, target: string, met: (value: number) => boolean];

/** The targets of issue 15 (and the earlier append/rebuild goals), for the figures this run measured. */
export function evaluateGoals(r: Headline): Goal[] {
  const checks: Check[] = [
    ['CPU per registration, all threads (ms)', r.registerCpuMsPerRequest, '≤ 0.5', (v) => v <= 0.5],
    ['registration throughput / ceiling', r.registerToCeilingRatio, '≥ 0.25', (v) => v >= 0.25],
    ['registration p99 at half the max rate, open loop (ms)', r.registerP99AtHalfMs, '< 25', (v) => v < 25],
    ['command → read-model lag p99 (ms)', r.lagP99Ms, '< 50', (v) => v < 50],
    ['event-store append / raw insert', r.appendRatioToRaw, '≥ 0.5', (v) => v >= 0.5],
    ['rebuild / raw scan', r.rebuildRatioToRaw, '≥ 0.5', (v) => v >= 0.5],
    ['service peak RSS under load (MB)', r.peakRssMb, '< 256', (v) => v < 256],
    ['GET order p99 while segment queries run (ms)', r.getP99DuringSegmentsMs, '< 25', (v) => v < 25],
    ['worst 1 MiB invalid body: CPU (ms)', r.badInputWorstCpuMs, '< 50', (v) => v < 50],
    ['worst 1 MiB invalid body: extra RSS (MB)', r.badInputWorstRssDeltaMb, '< 20', (v) => v < 20],
    ['worst 1 MiB invalid body: answer (bytes)', r.badInputWorstAnswerBytes, '< 65,536', (v) => v < 65_536],
    ['registration CPU growth by sealing + opening personal data', r.personalDataRegistrationCpuGrowth, '≤ 0.10', (v) => v <= 0.1],
  ];
  return checks
    .filter((check): check is [string, number, string, (v: number) => boolean] => check[1] !== null && Number.isFinite(check[1]))
    .map(([goal, value, target, met]) => ({ goal, value, target, met: met(value) }));
}

/**
 * Crypto-shredding's cost per registration: one seal (the append) and one open (the projector) of an order
 * event, in µs, against the CPU ms of a registration measured with them. `share` is their part of it;
 * `growth` what they add to a registration without them (null when the figures cannot both hold).
 */
export function personalDataCost(
  sealUs: number,
  openUs: number,
  registerCpuMs: number | null,
): { share: number | null; growth: number | null } {
  const costMs = (sealUs + openUs) / 1000;
  if (registerCpuMs === null || !(registerCpuMs > 0) || !(costMs >= 0)) return { share: null, growth: null };
  return {
    share: Math.round((costMs / registerCpuMs) * 10_000) / 10_000,
    growth: costMs < registerCpuMs ? Math.round((costMs / (registerCpuMs - costMs)) * 10_000) / 10_000 : null,
  };
}
