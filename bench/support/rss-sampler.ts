import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB, and its peak so far (VmHWM) where /proc has it. */
export function readRss(pid: number): { rssMb: number; hwmMb: number | null } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number | null => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) : null;
    };
    const rss = kb('VmRSS');
    if (rss !== null) return { rssMb: rss / 1024, hwmMb: (kb('VmHWM') ?? rss) / 1024 };
  } catch {
    /* no /proc (macOS) or the process is gone: fall back to ps */
  }
  try {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return Number.isFinite(kb) && kb > 0 ? { rssMb: kb / 1024, hwmMb: null } : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs` and keeps the peak per named phase. */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private phase = 'startup';
  private hwmMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  /** Starts attributing samples to `name`. */
  enter(name: string): void {
    this.sample();
    this.phase = name;
    this.sample();
  }

  /** Peak RSS (MB) seen during each phase, and the process's overall peak (VmHWM when available). */
  stop(): { byPhase: Record<string, number>; peakMb: number } {
    this.sample();
    clearInterval(this.timer);
    const byPhase = Object.fromEntries([...this.peaks].map(([name, mb]) => [name, Math.round(mb)]));
    return { byPhase, peakMb: Math.round(Math.max(this.hwmMb, ...this.peaks.values())) };
  }

  private sample(): void {
    const rss = readRss(this.pid);
    if (!rss) return;
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, rss.rssMb));
    if (rss.hwmMb !== null) this.hwmMb = Math.max(this.hwmMb, rss.hwmMb);
  }
}
