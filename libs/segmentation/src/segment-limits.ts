/** Bounds of a segment definition: they keep every compiled query small and its cost predictable. */
export const SEGMENT_LIMITS = {
  /** nesting of all/any/not/line blocks (a condition at the top is depth 1) */
  maxDepth: 8,
  /** conditions (`{ field, op, value }`) in one filter */
  maxConditions: 64,
  /** nodes of any kind in one filter */
  maxNodes: 256,
  /** values of one `in` / `nin` list */
  maxListValues: 500,
  /** values of all `in` / `nin` lists of one filter together (keeps a query's bound parameters far below SQLite's 32 766) */
  maxTotalListValues: 5_000,
  /** characters of a text value */
  maxTextLength: 255,
  /** characters of a `within` duration */
  maxDurationLength: 40,
  /** a `within` duration reaches back at most this many years */
  maxDurationYears: 200,
} as const;

/**
 * Decimals a contact's `totalPrice` (a sum of order totals) is rounded to, before `having` compares it
 * and in the answer: a sum of binary doubles drifts in its last bits (0.1 + 0.2 = 0.30000000000000004),
 * and a client comparing with `eq 0.3` or `lte 0.3` means the decimal number.
 */
export const TOTAL_PRICE_DECIMALS = 6;
