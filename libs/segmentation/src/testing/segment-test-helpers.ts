import { parseSegment } from '../parse-segment';
import type { Segment } from '../segment-ast';

/** A segment from a definition that must be valid (tests only). */
export function segmentOf(filter: unknown, having?: unknown): Segment {
  const parsed = parseSegment({ filter, having });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.segment;
}

/** Every key of a MongoDB filter/pipeline, at any depth. */
export function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, out));
  else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      out.push(key);
      keysOf(child, out);
    }
  }
  return out;
}
