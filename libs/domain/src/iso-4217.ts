/**
 * ISO 4217 alphabetic currency codes (List One, as of 2025): national currencies, fund codes
 * (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals, SDR and the testing/no-currency codes.
 * ANG and SLL are kept while their successors (XCG, SLE) phase them in.
 */
export const ISO_4217_CODES: ReadonlySet<string> = new Set(
  [
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN',
    'BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD',
    'CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK',
    'DJF DKK DOP DZD',
    'EGP ERN ETB EUR',
    'FJD FKP',
    'GBP GEL GHS GIP GMD GNF GTQ GYD',
    'HKD HNL HTG HUF',
    'IDR ILS INR IQD IRR ISK',
    'JMD JOD JPY',
    'KES KGS KHR KMF KPW KRW KWD KYD KZT',
    'LAK LBP LKR LRD LSL LYD',
    'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN',
    'NAD NGN NIO NOK NPR NZD',
    'OMR',
    'PAB PEN PGK PHP PKR PLN PYG',
    'QAR',
    'RON RSD RUB RWF',
    'SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL',
    'THB TJS TMT TND TOP TRY TTD TWD TZS',
    'UAH UGX USD USN UYI UYU UYW UZS',
    'VED VES VND VUV',
    'WST',
    'XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX',
    'YER',
    'ZAR ZMW ZWG',
  ]
    .join(' ')
    .split(' '),
);

/** The canonical (upper-case) ISO 4217 code `value` names in any case, or undefined. */
export function canonicalCurrencyCode(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length !== 3) return undefined;
  const code = value.toUpperCase();
  return ISO_4217_CODES.has(code) ? code : undefined;
}
