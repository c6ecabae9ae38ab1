import type { Db } from 'mongodb';
import type { MongoProjectionPart } from '../parts/mongo-projection-part';
import { liveCollection } from './rebuild-state';

/**
 * Every document of every part's collections as sorted canonical JSON lines (keys sorted, dates as
 * ISO strings, without the `fence` and `linkedAt` bookkeeping fields), per logical collection: two databases with the same dump hold the same read models.
 * `c` picks the physical collections (live by default, `rebuildCollection` for a rebuild's).
 */
export async function canonicalMongoDump(
  db: Db,
  parts: readonly MongoProjectionPart[],
  c: (name: string) => string = liveCollection,
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const part of parts) {
    for (const name of part.collections) {
      const docs = await db.collection(c(name)).find({}).toArray();
      // who wrote a document and at which batch (fencing bookkeeping) is not content
      dump[name] = docs.map(({ fence: _fence, linkedAt: _linkedAt, ...doc }) => JSON.stringify(canonical(doc))).sort();
    }
  }
  return dump;
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, canonical(record[key])]),
    );
  }
  return value;
}
