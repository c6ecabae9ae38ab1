import type { HttpChild } from '../support/child-process';
import { type LoadRequest, type LoadResult, type LoadSpec, type RawLoad, runLoad, runRawLoad, summarize } from '../support/load';
import type { BenchOptions } from '../support/options';
import { fillTemplate, type OrderTemplate } from '@orders/demo-data';
import { addByThread, perRequestByThread, withCpuTime } from '../support/cpu-time';
import { round } from '../support/stats';

const ORDERS_PATH = '/api/v3/orders';

/** Register requests with unique orderIds `<prefix>-<n>`, cycling through the templates. */
export function registerRequests(templates: readonly OrderTemplate[], prefix: string): () => LoadRequest {
  let n = 0;
  return () => {
    const sequence = n++;
    const orderId = `${prefix}-${sequence}`;
    return { method: 'POST', path: ORDERS_PATH, body: fillTemplate(templates[sequence % templates.length]!, orderId), tag: orderId };
  };
}

export interface RegistrationResult {
  ceiling: LoadResult;
  register: LoadResult;
  /** orderIds the service accepted (202) during the measured rounds */
  accepted: string[];
  /** per round: ceiling and service throughput, to show the spread */
  rounds: { ceilingRps: number; registerRps: number }[];
  /** CPU milliseconds (user + system) the server process used per 2xx response; null without /proc */
  ceilingCpuMsPerRequest: number | null;
  registerCpuMsPerRequest: number | null;
  /** the service's by thread: the request thread, each worker role (its thread's name), V8's and libuv's helpers */
  registerCpuMsPerRequestByThread: Record<string, number> | null;
}

/**
 * Phases 1–2: the ceiling (bare Fastify, the same bodies, 202) and registration through the service,
 * measured in interleaved rounds (A B, B A, …) so that other work on the machine hits both alike.
 */
export async function measureRegistration(
  service: HttpChild,
  ceiling: HttpChild,
  options: BenchOptions,
  templates: readonly OrderTemplate[],
): Promise<RegistrationResult> {
  const accepted: string[] = [];
  const ceilingSpec: LoadSpec = {
    url: ceiling.url,
    connections: options.connections,
    seconds: options.roundSeconds,
    next: registerRequests(templates, 'ceiling'),
  };
  const serviceSpec: LoadSpec = {
    url: service.url,
    connections: options.connections,
    seconds: options.roundSeconds,
    next: registerRequests(templates, 'reg'),
    onResponse: (status, tag) => {
      if (status === 202 && tag) accepted.push(tag);
    },
  };
  if (options.warmupSeconds > 0) {
    await runLoad({ ...ceilingSpec, seconds: options.warmupSeconds });
    await runLoad({ ...serviceSpec, seconds: options.warmupSeconds, next: registerRequests(templates, 'warm'), onResponse: undefined });
  }
  const ceilingRuns: RawLoad[] = [];
  const serviceRuns: RawLoad[] = [];
  const cpu = { ceiling: 0 as number | null, service: 0 as number | null };
  let serviceThreads: Record<string, number> | null = {};
  const measure = async (side: 'ceiling' | 'service'): Promise<void> => {
    const { result, cpuMs, byThread } = await withCpuTime(side === 'ceiling' ? ceiling.pid : service.pid, () =>
      runRawLoad(side === 'ceiling' ? ceilingSpec : serviceSpec),
    );
    if (side === 'service') serviceThreads = addByThread(serviceThreads, byThread);
    (side === 'ceiling' ? ceilingRuns : serviceRuns).push(result);
    const total = cpu[side];
    cpu[side] = total === null || cpuMs === null ? null : total + cpuMs;
  };
  for (let r = 0; r < options.rounds; r++) {
    const order: ('ceiling' | 'service')[] = r % 2 === 0 ? ['ceiling', 'service'] : ['service', 'ceiling'];
    for (const side of order) await measure(side);
  }
  const rate = (run: RawLoad): number => round(run.latencies.length / run.seconds, 1);
  const ceilingLoad = summarize(ceilingRuns);
  const registerLoad = summarize(serviceRuns);
  const perRequest = (ms: number | null, ok: number): number | null => (ms === null || ok === 0 ? null : round(ms / ok, 3));
  return {
    ceiling: ceilingLoad,
    register: registerLoad,
    accepted,
    rounds: ceilingRuns.map((run, i) => ({ ceilingRps: rate(run), registerRps: rate(serviceRuns[i]!) })),
    ceilingCpuMsPerRequest: perRequest(cpu.ceiling, ceilingLoad.ok),
    registerCpuMsPerRequest: perRequest(cpu.service, registerLoad.ok),
    registerCpuMsPerRequestByThread: perRequestByThread(serviceThreads, registerLoad.ok),
  };
}

/** Registration load alone (used while profiling). */
export function registrationLoad(
  service: HttpChild,
  options: BenchOptions,
  templates: readonly OrderTemplate[],
  seconds: number,
  prefix: string,
): Promise<LoadResult> {
  return runLoad({ url: service.url, connections: options.connections, seconds, next: registerRequests(templates, prefix) });
}
