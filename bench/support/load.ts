import autocannon from 'autocannon';
import { round } from './stats';

export const BENCH_API_KEY = 'bench-admin-key-0123456789abcdef';

/** One request of a load run; `tag` comes back in `onResponse` (e.g. the orderId it concerned). */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: string;
  tag?: string;
}

/**
 * A closed-loop autocannon run: each connection sends its next request when the last one is answered. No
 * rate option: autocannon's limits each connection per second (its share back to back, then idle), so fixed
 * rates go through the open-loop sender (open-loop.ts).
 */
export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /** the next request; called once per request, so every request can be unique */
  next(): LoadRequest;
  onResponse?(status: number, tag: string | undefined): void;
}

export interface LoadResult {
  /** 2xx responses per second */
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  responses: number;
  ok: number;
  /** responses by status code */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  seconds: number;
}

const HEADERS = { 'content-type': 'application/json', apikey: BENCH_API_KEY };

/** What one autocannon run measured, before it is summarised (runs can be merged). */
export interface RawLoad {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  seconds: number;
}

/**
 * Runs autocannon against `spec.url` for `spec.seconds` with a unique request per call of
 * `spec.next()`. Latency percentiles are computed here from every 2xx response time (autocannon's
 * own histogram has 1 ms resolution).
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return summarize([await runRawLoad(spec)]);
}

export async function runRawLoad(spec: LoadSpec): Promise<RawLoad> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const requests = [
    {
      setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
        const next = spec.next();
        context.tag = next.tag;
        return { ...request, method: next.method, path: next.path, body: next.body ?? '' };
      },
      // called before the connection's next setupRequest (pipelining 1), so `context` is this request's
      onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
        spec.onResponse?.(status, context.tag as string | undefined);
      },
    },
  ];
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 10,
    headers: HEADERS,
    requests: requests as never,
  };
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error, result) => (error ? reject(error as Error) : resolve(result)));
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await finished;
  return { latencies, statuses, errors: result.errors, timeouts: result.timeouts, seconds: result.duration };
}

/** One summary over several runs (e.g. the interleaved rounds of one side of an A/B comparison). */
export function summarize(runs: readonly RawLoad[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const at = (p: number): number =>
    latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  const statuses: Record<string, number> = {};
  for (const run of runs) for (const [code, n] of Object.entries(run.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    rps: round(latencies.length / seconds, 1),
    p50Ms: round(at(50)),
    p90Ms: round(at(90)),
    p99Ms: round(at(99)),
    maxMs: round(at(100)),
    responses: Object.values(statuses).reduce((sum, n) => sum + n, 0),
    ok: latencies.length,
    statuses,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
    seconds: round(seconds, 2),
  };
}

/** An unmeasured warm-up run (JIT, caches, SQLite page cache), then the measured run. */
export async function warmThenRun(spec: LoadSpec, warmupSeconds: number): Promise<LoadResult> {
  if (warmupSeconds > 0) await runLoad({ ...spec, seconds: warmupSeconds });
  return runLoad(spec);
}
