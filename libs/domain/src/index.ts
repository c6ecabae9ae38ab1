/** The pure domain of the orders service: the order model, its events, commands, decider and rules. */
export * from './order';
export * from './order-events';
export * from './order-commands';
export * from './enums';
export * from './order-state';
export * from './normalize-order';
export * from './normalize-action';
export * from './decide';
export * from './version-tag';
export * from './warnings';
export { ISO_4217_CODES, canonicalCurrencyCode } from './iso-4217';
export { ISO_3166_ALPHA2_CODES, canonicalCountryCode } from './iso-3166';
export { isDateTimeWithOffset, dateTimeToEpochMs } from './date-time';
export { MAX_AMOUNT, isPlainObject } from './field-rules';
export { MAX_LINE_ITEMS } from './normalize-line-items';
export { MAX_LIST_ITEMS } from './normalize-amounts';
export { MAX_REFERENCES, DELIVERY_FIELDS } from './normalize-parts';
