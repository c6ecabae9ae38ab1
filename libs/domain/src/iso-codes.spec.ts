import { describe, it, expect } from 'vitest';
import { ISO_3166_ALPHA2_CODES, canonicalCountryCode } from './iso-3166';
import { ISO_4217_CODES, canonicalCurrencyCode } from './iso-4217';

describe('ISO 4217 currency codes', () => {
  it('ships the complete list of three-letter upper-case codes', () => {
    expect(ISO_4217_CODES.size).toBeGreaterThanOrEqual(175);
    for (const code of ISO_4217_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
    for (const code of ['SEK', 'EUR', 'USD', 'NOK', 'DKK', 'GBP', 'JPY', 'CHF', 'XCG', 'ZWG', 'VED']) {
      expect(ISO_4217_CODES.has(code)).toBe(true);
    }
  });

  it('accepts any case and answers in upper case', () => {
    expect(canonicalCurrencyCode('sek')).toBe('SEK');
    expect(canonicalCurrencyCode('eUr')).toBe('EUR');
  });

  it.each(['SEKK', 'XYZ', 'HRK', '', ' SEK', 'kr', null, 752, ['SEK']])('rejects %j', (value) => {
    expect(canonicalCurrencyCode(value)).toBeUndefined();
  });
});

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('ships the 249 assigned codes plus XK', () => {
    expect(ISO_3166_ALPHA2_CODES.size).toBe(250);
    for (const code of ISO_3166_ALPHA2_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('accepts any case and answers in upper case', () => {
    expect(canonicalCountryCode('se')).toBe('SE');
    expect(canonicalCountryCode('Gb')).toBe('GB');
    expect(canonicalCountryCode('XK')).toBe('XK');
  });

  it.each(['UK', 'EU', 'SWE', 'ZZ', '', null, 46])('rejects %j', (value) => {
    expect(canonicalCountryCode(value)).toBeUndefined();
  });
});
