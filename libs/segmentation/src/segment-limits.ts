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
  /** characters of a text value */
  maxTextLength: 255,
  /** characters of a `within` duration */
  maxDurationLength: 40,
  /** a `within` duration reaches back at most this many years */
  maxDurationYears: 200,
} as const;
