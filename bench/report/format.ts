import type { LoadResult } from '../support/load';

export const table = (header: string[], rows: (string | number)[][]): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export const num = (value: number | null | undefined): string =>
  value !== null && value !== undefined && Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : 'n/a';

/** Non-2xx answers, errors and timeouts of a run, or "none". */
export const others = (load: Pick<LoadResult, 'statuses' | 'errors'> & { timeouts?: number }): string => {
  const odd = Object.entries(load.statuses).filter(([code]) => !code.startsWith('2'));
  const parts = odd.map(([code, n]) => `${n}× ${code}`);
  if (load.errors > 0) parts.push(`${load.errors} errors`);
  if ((load.timeouts ?? 0) > 0) parts.push(`${load.timeouts} timeouts`);
  return parts.length > 0 ? parts.join(', ') : 'none';
};

export const loadHeader = ['run', 'req/s (2xx)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'ratio to ceiling', 'other answers'];
export const cpuHeader = [...loadHeader.slice(0, -1), 'server CPU ms/req', 'other answers'];

export function loadRow(name: string, load: LoadResult, ceiling: number | null, cpuMs?: number | null): (string | number)[] {
  const cpu = cpuMs === undefined ? [] : [num(cpuMs)];
  return [
    name,
    num(load.rps),
    num(load.p50Ms),
    num(load.p90Ms),
    num(load.p99Ms),
    num(load.maxMs),
    ceiling ? num(load.rps / ceiling) : '—',
    ...cpu,
    others(load),
  ];
}

/** CPU ms per request by thread, as `request thread 0.45 · orders-proj 0.21 · …` (— without /proc). */
export function byThread(cpu: Record<string, number> | null | undefined): string {
  if (!cpu) return '—';
  return Object.entries(cpu)
    .map(([name, ms]) => `${name} ${num(ms)}`)
    .join(' · ');
}
