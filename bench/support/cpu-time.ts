import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : null;
  } catch {
    return null;
  }
}

/** Runs `fn` and returns its result with the CPU milliseconds process `pid` used meanwhile (null without /proc). */
export async function withCpuTime<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; cpuMs: number | null }> {
  const before = cpuTimeMs(pid);
  const result = await fn();
  const after = cpuTimeMs(pid);
  return { result, cpuMs: before === null || after === null ? null : after - before };
}
