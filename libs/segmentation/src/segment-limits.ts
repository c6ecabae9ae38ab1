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
 * Bound of the SKU sets the MongoDB backend inlines into a segment's aggregation (an `article.*`
 * condition is resolved against the article register first and tested as `sku $in/$nin [SKUs]`):
 * together, the sets of one filter hold at most 100 000 SKUs and 8 MiB, far below MongoDB's 16 MiB
 * command limit. A segment past it is refused with a 400 VALIDATION_FAILED naming the condition whose
 * set crossed it (SegmentTooLargeError); the embedded backend joins the register in SQL and has no
 * such bound.
 */
export const ARTICLE_SKU_LIMITS = {
  maxSkus: 100_000,
  maxBytes: 8 * 1024 * 1024,
} as const;

/** A segment whose compiled query would be too large; `errors` names the JSON path of the condition at fault. */
export class SegmentTooLargeError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super(
      Object.entries(errors)
        .map(([path, messages]) => `${path}: ${messages.join('; ')}`)
        .join('; '),
    );
    this.name = 'SegmentTooLargeError';
  }
}

/**
 * Decimals a contact's `totalPrice` (a sum of order totals) is rounded to, before `having` compares it
 * and in the answer: a sum of binary doubles drifts in its last bits (0.1 + 0.2 = 0.30000000000000004),
 * and a client comparing with `eq 0.3` or `lte 0.3` means the decimal number.
 */
export const TOTAL_PRICE_DECIMALS = 6;
