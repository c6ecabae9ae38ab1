/**
 * ISO 8601 date-times with an offset, as SPEC says: `2024-05-01T12:00:00+02:00`, `2024-05-01T10:00Z`,
 * `2024-05-01T10:00:00.123Z`. The date must exist on the calendar (no 2023-02-29), the time must be
 * 00:00–23:59:59, the offset `Z` or `±hh:mm` (hh ≤ 23). What client systems commonly send besides is
 * accepted too — an offset without colon (`+0100`, PHP's DATE_ISO8601) and a lower-case `t` / `z`
 * (RFC 3339 allows both) — and stored in the canonical form ({@link canonicalDateTime}). The instant it
 * names (UTC) must lie in years 0001–9999, not only the year as written.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

type Parts = [year: number, month: number, day: number, hour: number, minute: number, second: number, offset: number];

/** The fields of a date-time that is well written and names a real calendar date and time, or null. */
function parseDateTime(value: unknown): Parts | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number, number, number];
  const written =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!written) return null;
  const sign = /-\d{2}:?\d{2}$/.test(value) ? -1 : 1;
  return [year, month, day, hour, minute, second, sign * (offsetHours * 60 + offsetMinutes)];
}

/** Seconds since the epoch of the written local time minus its offset (fractions left out). */
function instantSeconds([year, month, day, hour, minute, second, offsetMinutes]: Parts): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0–99 to 1900–1999
  return date.getTime() / 1000 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
}

const secondsOf = (year: number, month: number, day: number, hour: number, minute: number, second: number): number =>
  instantSeconds([year, month, day, hour, minute, second, 0]);

/** The documented range, as instants (UTC): 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z. */
const FIRST_SECOND = secondsOf(1, 1, 1, 0, 0, 0);
const LAST_SECOND = secondsOf(9999, 12, 31, 23, 59, 59);

/**
 * Whether a well-written date-time is, as an instant, within years 0001–9999 UTC — `9999-12-31T23:59:59-23:59`
 * is in year 10000 and `0001-01-01T00:00:00+14:00` in year 0, although both are written in range —
 * or null when the value is not a date-time at all.
 */
export function isDateTimeInRange(value: unknown): boolean | null {
  const parts = parseDateTime(value);
  if (parts === null) return null;
  const seconds = instantSeconds(parts);
  return seconds >= FIRST_SECOND && seconds <= LAST_SECOND;
}

/** A well-written date-time with offset naming a real calendar date, whose instant is in years 0001–9999 UTC. */
export function isDateTimeWithOffset(value: unknown): value is string {
  return isDateTimeInRange(value) === true;
}

/**
 * A valid date-time with offset in its canonical form — upper-case `T` and `Z`, the offset as `±hh:mm`,
 * everything else (fraction digits included) as given — or null.
 */
export function canonicalDateTime(value: unknown): string | null {
  if (!isDateTimeWithOffset(value)) return null;
  const upper = value.slice(0, 10) + 'T' + value.slice(11, value.length - 1) + value.slice(-1).toUpperCase();
  return upper.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/** Milliseconds since the epoch of a valid date-time with offset, or null. Compare instants with this, not strings. */
export function dateTimeToEpochMs(value: unknown): number | null {
  const canonical = canonicalDateTime(value);
  if (canonical === null) return null;
  // Date.parse accepts at most milliseconds; drop extra fraction digits first.
  const ms = Date.parse(canonical.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) ? ms : null;
}
