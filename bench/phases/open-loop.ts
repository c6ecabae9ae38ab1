import type { HttpChild } from '../support/child-process';
import { perRequestByThread, withCpuTime } from '../support/cpu-time';
import { type OpenLoopResult, runOpenLoop } from '../support/open-loop';
import type { BenchOptions } from '../support/options';
import { round, sleep } from '../support/stats';
import type { OrderTemplate } from '@orders/demo-data';
import { registerRequests } from './registration';

export const OPEN_LOOP_FRACTIONS = [0.25, 0.5, 0.75] as const;

export interface OpenLoopRate extends OpenLoopResult {
  /** share of the measured maximum registration rate offered */
  fraction: number;
  /** service CPU (all threads) per 2xx answer at this rate; null without /proc */
  cpuMsPerRequest: number | null;
  /** the same by thread: the request thread, each worker role (its thread's name), V8's and libuv's helpers */
  cpuMsPerRequestByThread: Record<string, number> | null;
}

export interface OpenLoopLatencyResult {
  /** the saturated registration rate the fractions are taken of */
  maxRps: number;
  rates: OpenLoopRate[];
}

/**
 * Registration latency open-loop at 25 %, 50 % and 75 % of the measured maximum: a fixed-rate sender
 * (bench/support/open-loop.ts) measuring each request from its intended send time, so the figures
 * include every wait a stall causes (what a shop sending orders at its own pace sees).
 */
export async function measureOpenLoop(
  service: HttpChild,
  options: BenchOptions,
  templates: readonly OrderTemplate[],
  maxRps: number,
): Promise<OpenLoopLatencyResult> {
  const rates: OpenLoopRate[] = [];
  for (const fraction of OPEN_LOOP_FRACTIONS) {
    const rate = Math.max(4, Math.round(maxRps * fraction));
    const { result, cpuMs, byThread } = await withCpuTime(service.pid, () =>
      runOpenLoop({ url: service.url, rate, seconds: options.openLoopSeconds, next: registerRequests(templates, `open${fraction * 100}`) }),
    );
    rates.push({
      fraction,
      ...result,
      cpuMsPerRequest: cpuMs === null || result.ok === 0 ? null : round(cpuMs / result.ok, 3),
      cpuMsPerRequestByThread: perRequestByThread(byThread, result.ok),
    });
    await sleep(500); // let the projector catch up so that one rate's backlog does not land on the next
  }
  return { maxRps, rates };
}
