/** `.` and `..`: URL parsers resolve those path segments away, so such an orderId has no usable link. */
export const isDotSegment = (value: unknown): boolean => value === '.' || value === '..';

export const DOT_SEGMENT_MESSAGE = "must not be '.' or '..' (URLs resolve those path segments away)";

/** A lone UTF-16 surrogate: text that has no UTF-8 form (it would be stored, and encoded in job ids, as U+FFFD). */
const LONE_SURROGATE = /\p{Cs}/u;

export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value);

export const LONE_SURROGATE_MESSAGE = 'must be well-formed Unicode (no lone surrogates)';
