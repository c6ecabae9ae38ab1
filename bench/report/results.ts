import { cpus, loadavg, totalmem } from 'node:os';
import type { EventStoreResult } from '../phases/event-store';
import type { LagResult } from '../phases/lag';
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

/** bench/results/latest.json. The top-level numeric keys are the headline figures. */
export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  seed: number;
  runSeconds: number;
  machine: Machine;
  ceilingRps: number;
  registerRps: number;
  registerToCeilingRatio: number;
  /** ceiling CPU ms per request ÷ service CPU ms per request: the throughput ratio if both had a core to themselves */
  registerToCeilingCpuRatio: number | null;
  cpuMsPerRequest: { ceiling: number | null; register: number | null };
  registerP50Ms: number;
  registerP99Ms: number;
  lagP50Ms: number;
  lagP99Ms: number;
  appendRatioToRaw: number;
  rebuildRatioToRaw: number;
  peakRssMb: number;
  goals: Goal[];
  ceiling: LoadResult;
  /** ceiling and service throughput per interleaved round */
  rounds: { ceilingRps: number; registerRps: number }[];
  register: LoadResult & { ordersAccepted: number; orderLines: { min: number; max: number; mean: number } };
  lag: LagResult;
  updates: UpdateResult[];
  eventStore: EventStoreResult;
  rebuild: RebuildResult;
  segmentation: SegmentationResult;
  memory: { peakRssMb: number; peakRssMbByPhase: Record<string, number> };
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

export function evaluateGoals(
  r: Pick<BenchResults, 'registerToCeilingRatio' | 'registerP99Ms' | 'lagP99Ms' | 'appendRatioToRaw' | 'rebuildRatioToRaw' | 'peakRssMb'>,
): Goal[] {
  return [
    { goal: 'registration throughput / ceiling', value: r.registerToCeilingRatio, target: '≥ 0.5', met: r.registerToCeilingRatio >= 0.5 },
    { goal: 'registration p99 (ms)', value: r.registerP99Ms, target: '< 25', met: r.registerP99Ms < 25 },
    { goal: 'command → read-model lag p99 (ms)', value: r.lagP99Ms, target: '< 50', met: r.lagP99Ms < 50 },
    { goal: 'event-store append / raw insert', value: r.appendRatioToRaw, target: '≥ 0.5', met: r.appendRatioToRaw >= 0.5 },
    { goal: 'rebuild / raw scan', value: r.rebuildRatioToRaw, target: '≥ 0.5', met: r.rebuildRatioToRaw >= 0.5 },
    { goal: 'service peak RSS under load (MB)', value: r.peakRssMb, target: '< 256', met: r.peakRssMb < 256 },
  ];
}
