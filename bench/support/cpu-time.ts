import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; null where there is
 * no /proc. Unlike throughput, CPU per request hardly changes when other work shares the machine.
 */
export function cpuTimeMs(pid: number): number | null {
  try {
    const ms = statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

/** utime + stime of a /proc stat line, ms */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks(); // utime, stime (fields 14 and 15)
}

/** The request thread (the process's first), as the per-thread figures name it. */
const REQUEST_THREAD = 'request thread';
/** V8's and libuv's threads, which keep the process's name. */
const HELPER_THREADS = 'V8 and libuv helpers';

/**
 * CPU ms so far per thread of process `pid`, summed by name: the request thread, each worker role under the
 * name its thread gives itself (`orders-append`, `orders-proj`, `orders-read`: THREAD_NAMES in
 * libs/backend/src/threads/launch.ts) and the helpers. Threads that have exited are not listed. null without /proc.
 */
export function threadCpuMs(pid: number): Record<string, number> | null {
  try {
    const out: Record<string, number> = {};
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const name = Number(tid) === pid ? REQUEST_THREAD : comm.startsWith('orders-') ? comm : HELPER_THREADS;
      out[name] = (out[name] ?? 0) + statCpuMs(stat);
    }
    return out;
  } catch {
    return null;
  }
}

/** What each thread (by name) used between two threadCpuMs() readings; a thread that exited meanwhile loses its share. */
function threadDelta(before: Record<string, number> | null, after: Record<string, number> | null): Record<string, number> | null {
  if (!before || !after) return null;
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, Math.max(0, ms - (before[name] ?? 0))]));
}

/**
 * Runs `fn` and returns its result with the CPU milliseconds process `pid` used meanwhile, in all and by
 * thread (threadCpuMs); null without /proc.
 */
export async function withCpuTime<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ result: T; cpuMs: number | null; byThread: Record<string, number> | null }> {
  const before = cpuTimeMs(pid);
  const threadsBefore = threadCpuMs(pid);
  const result = await fn();
  const after = cpuTimeMs(pid);
  const byThread = threadDelta(threadsBefore, threadCpuMs(pid));
  return { result, cpuMs: before === null || after === null ? null : after - before, byThread };
}

/** CPU ms per request by thread name, largest first (3 decimals); null without /proc or requests. */
export function perRequestByThread(byThread: Record<string, number> | null, requests: number): Record<string, number> | null {
  if (!byThread || requests === 0) return null;
  return Object.fromEntries(
    Object.entries(byThread)
      .sort(([, a], [, b]) => b - a)
      .map(([name, ms]) => [name, Math.round((ms / requests) * 1000) / 1000]),
  );
}

/** Sums per-thread CPU readings (withCpuTime's byThread) of several runs; null if any is null. */
export function addByThread(total: Record<string, number> | null, more: Record<string, number> | null): Record<string, number> | null {
  if (!total || !more) return null;
  const out = { ...total };
  for (const [name, ms] of Object.entries(more)) out[name] = (out[name] ?? 0) + ms;
  return out;
}
