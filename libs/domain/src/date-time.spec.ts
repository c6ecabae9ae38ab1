import { describe, it, expect } from 'vitest';
import { canonicalDateTime, dateTimeToEpochMs, isDateTimeWithOffset } from './date-time';

describe('ISO 8601 date-time with offset', () => {
  it.each([
    '2024-05-01T12:00:00+02:00',
    '2024-05-01T10:00:00Z',
    '2024-05-01T10:00Z',
    '2024-05-01T10:00:00.1Z',
    '2024-05-01T10:00:00.123456789-05:30',
    '2024-02-29T00:00:00Z',
    '2000-02-29T23:59:59+14:00',
    '2024-05-01T12:00:00+0200',
    '2024-05-01t10:00:00z',
    '0001-01-01T00:00:00Z',
  ])('accepts %s', (value) => {
    expect(isDateTimeWithOffset(value)).toBe(true);
  });

  it.each([
    ['no offset', '2024-05-01T12:00:00'],
    ['a date only', '2024-05-01'],
    ['a space instead of T', '2024-05-01 12:00:00Z'],
    ['an hours-only offset', '2024-05-01T12:00:00+02'],
    ['a basic-format offset over 23 hours', '2024-05-01T12:00:00+2400'],
    ['29 February of a common year', '2023-02-29T00:00:00Z'],
    ['29 February 1900', '1900-02-29T00:00:00Z'],
    ['31 April', '2024-04-31T00:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['day 0', '2024-01-00T00:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['second 60', '2024-01-01T23:59:60Z'],
    ['offset hour 24', '2024-01-01T10:00:00+24:00'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['trailing text', '2024-01-01T10:00:00Zjunk'],
  ])('rejects %s', (_, value) => {
    expect(isDateTimeWithOffset(value)).toBe(false);
  });

  it.each([null, undefined, 1714557600000, {}, ['2024-05-01T10:00:00Z']])('rejects the non-string %j', (value) => {
    expect(isDateTimeWithOffset(value)).toBe(false);
  });

  it('gives the instant, so that different offsets compare correctly', () => {
    expect(dateTimeToEpochMs('2024-05-01T12:00:00+02:00')).toBe(dateTimeToEpochMs('2024-05-01T10:00:00Z'));
    expect(dateTimeToEpochMs('2024-05-01T10:00:00.123456Z')).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123));
    expect(dateTimeToEpochMs('2024-05-01')).toBeNull();
  });

  it.each([
    ['2024-05-01T12:00:00+0200', '2024-05-01T12:00:00+02:00'],
    ['2024-05-01t10:00:00.5z', '2024-05-01T10:00:00.5Z'],
    ['2024-05-01T10:00-0530', '2024-05-01T10:00-05:30'],
    ['2024-05-01T10:00:00.123456789+01:00', '2024-05-01T10:00:00.123456789+01:00'],
  ])('writes %s in the canonical form %s (same instant)', (given, canonical) => {
    expect(canonicalDateTime(given)).toBe(canonical);
    expect(dateTimeToEpochMs(given)).toBe(dateTimeToEpochMs(canonical));
  });
});
