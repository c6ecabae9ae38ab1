/**
 * ISO 8601 durations for `within` ("P30D", "PT12H", "P1Y2M", "P2W"): integer components only, at
 * least one, no fractions and no sign. `startOfWithin` resolves one to the instant that far back
 * from `now` with calendar arithmetic in UTC (P1M from 31 March is 28/29 February, as JS Date does
 * after clamping the day).
 */
const DURATION = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseIsoDuration(text: string): IsoDuration | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** Approximate length in years, for the upper bound check. */
export const durationYears = (d: IsoDuration): number =>
  d.years + d.months / 12 + (d.weeks * 7 + d.days) / 365 + (d.hours * 3600 + d.minutes * 60 + d.seconds) / 31_536_000;

/** The instant (epoch ms) `duration` before `now` (epoch ms). */
export function startOfWithin(duration: IsoDuration, now: number): number {
  const date = new Date(now);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCFullYear(date.getUTCFullYear() - duration.years);
  date.setUTCMonth(date.getUTCMonth() - duration.months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  const ms = ((duration.weeks * 7 + duration.days) * 86_400 + duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * 1000;
  return date.getTime() - ms;
}
