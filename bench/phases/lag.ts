import type { HttpChild } from '../support/child-process';
import { httpClient } from '../support/http-client';
import type { IncomingHttpHeaders } from 'node:http';
import { type OpenLoopResult, runOpenLoop } from '../support/open-loop';
import type { BenchOptions } from '../support/options';
import type { OrderTemplate } from '@orders/demo-data';
import { percentile, round } from '../support/stats';
import { registerRequests } from './registration';

export interface LagResult {
  /** registrations per second offered, evenly spaced (half the measured registration maximum, or of --max-rate) */
  targetRps: number;
  load: OpenLoopResult;
  samples: number;
  lagP50Ms: number;
  lagP90Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** share of samples whose very first poll already answered 302 (their lag is below one poll) */
  completedOnFirstPoll: number;
  /** median time of one job poll: the resolution of the lag figures */
  pollP50Ms: number;
  /** polls per second sent by the pollers (extra read load on top of the registrations) */
  pollsPerSecond: number;
  /** sampled jobs that did not complete within the poll timeout */
  timedOut: number;
}

const POLLERS = 4;
const JOB_TIMEOUT_MS = 10_000;

/**
 * Phase 3: command → read-model lag. The open-loop sender registers orders at half the maximum throughput,
 * evenly spaced (autocannon's rate limit, used before 2026-12-07, lets each connection send its share of a
 * second back to back at the start of the second: bursts at full speed, then idle, not half the rate);
 * whenever one of POLLERS pollers is free, the next 202 is sampled: its job Location is polled
 * back-to-back until it answers 302. Lag = arrival of the first 302 − arrival of the 202 (an upper
 * bound, by at most one poll round trip).
 */
export async function measureLag(
  service: HttpChild,
  options: BenchOptions,
  templates: readonly OrderTemplate[],
  maxRps: number,
): Promise<LagResult> {
  const targetRps = Math.max(10, Math.round(maxRps / 2));
  const client = httpClient(service.url, POLLERS);
  const lags: number[] = [];
  const polls: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let firstPoll = 0;
  let timedOut = 0;
  let failure: Error | undefined;

  const follow = async (location: string, accepted: number): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const sent = performance.now();
      const job = await client.call('GET', location);
      const now = performance.now();
      polls.push(now - sent);
      if (job.status === 302) {
        lags.push(now - accepted);
        if (attempt === 1) firstPoll++;
        return;
      }
      if (job.status !== 200) throw new Error(`job poll answered ${job.status}: ${job.body}`);
      if (now - accepted > JOB_TIMEOUT_MS) {
        timedOut++;
        return;
      }
    }
  };
  const onResponse = (status: number, _tag: string | undefined, headers: IncomingHttpHeaders): void => {
    const location = headers.location;
    if (status !== 202 || !location || inFlight.size >= POLLERS || failure) return;
    const polling: Promise<void> = follow(location, performance.now())
      .catch((error: unknown) => void (failure ??= error as Error))
      .finally(() => inFlight.delete(polling));
    inFlight.add(polling);
  };

  const started = performance.now();
  const load = await runOpenLoop({
    url: service.url,
    rate: targetRps,
    seconds: options.lagSeconds,
    next: registerRequests(templates, 'lag'),
    onResponse,
  });
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  client.close();
  if (failure) throw failure;
  return {
    targetRps,
    load,
    samples: lags.length,
    lagP50Ms: round(percentile(lags, 50)),
    lagP90Ms: round(percentile(lags, 90)),
    lagP99Ms: round(percentile(lags, 99)),
    lagMaxMs: round(percentile(lags, 100)),
    completedOnFirstPoll: lags.length > 0 ? round(firstPoll / lags.length, 3) : Number.NaN,
    pollP50Ms: round(percentile(polls, 50)),
    pollsPerSecond: round(polls.length / elapsed, 1),
    timedOut,
  };
}
