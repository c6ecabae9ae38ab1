import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { BENCH_API_KEY, type LoadRequest } from './load';
import { percentile, round } from './stats';

export interface OpenLoopSpec {
  url: string;
  /** requests per second offered, whatever the answers do (open loop) */
  rate: number;
  seconds: number;
  next(): LoadRequest;
  /** keep-alive sockets at most; a request waiting for a socket waits on the clock of its intended send time */
  sockets?: number;
  onResponse?(status: number, tag: string | undefined, headers: IncomingHttpHeaders): void;
}

export interface OpenLoopResult {
  offeredRps: number;
  /** 2xx answers per second of the sending window */
  achievedRps: number;
  sent: number;
  ok: number;
  statuses: Record<string, number>;
  errors: number;
  /** latency of 2xx answers, from the request's intended send time to the end of its answer */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** how late the sender itself got to requests (p99): part of the latency above, not the server's */
  senderLateP99Ms: number;
  seconds: number;
}

const TIMEOUT_MS = 30_000;

/**
 * A fixed-rate sender: request i is due at start + i / rate and its latency is measured from that
 * intended time, not from when the sender got to it or a socket became free — so a stalled server is
 * charged for every request it delayed (no coordinated omission, unlike a closed loop or autocannon's
 * rate limit, which stop sending while the server stalls).
 */
export async function runOpenLoop(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.sockets ?? 64 });
  const base = new URL(spec.url);
  const total = Math.max(1, Math.round(spec.rate * spec.seconds));
  const interval = 1000 / spec.rate;
  const latencies: number[] = [];
  const late: number[] = [];
  const statuses: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  let errors = 0;

  const send = (next: LoadRequest, intended: number): Promise<void> =>
    new Promise<void>((done) => {
      const headers: Record<string, string | number> = { apikey: BENCH_API_KEY };
      if (next.body !== undefined)
        Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(next.body) });
      const req = request(
        { agent, host: base.hostname, port: base.port, method: next.method, path: next.path, headers, timeout: TIMEOUT_MS },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status >= 200 && status < 300) latencies.push(performance.now() - intended);
            spec.onResponse?.(status, next.tag, res.headers);
            done();
          });
          res.on('error', () => (errors++, done()));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => (errors++, done()));
      req.end(next.body);
    });

  const start = performance.now() + 10;
  let i = 0;
  await new Promise<void>((finished) => {
    const tick = (): void => {
      const now = performance.now();
      for (; i < total && start + i * interval <= now; i++) {
        const intended = start + i * interval;
        late.push(now - intended);
        const sending = send(spec.next(), intended).finally(() => pending.delete(sending));
        pending.add(sending);
      }
      if (i >= total) return finished();
      setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
    };
    tick();
  });
  const window = (performance.now() - start) / 1000;
  await Promise.all(pending);
  agent.destroy();
  return {
    offeredRps: round(spec.rate, 1),
    achievedRps: round(latencies.length / window, 1),
    sent: total,
    ok: latencies.length,
    statuses,
    errors,
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(percentile(latencies, 100)),
    senderLateP99Ms: round(percentile(late, 99)),
    seconds: round(window, 2),
  };
}
