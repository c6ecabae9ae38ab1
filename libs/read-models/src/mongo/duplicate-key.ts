import { type AnyBulkWriteOperation, type Collection, type Document, MongoBulkWriteError, MongoServerError } from 'mongodb';

/** E11000: an upsert whose filter did not match collided with an existing `_id` (or unique key). */
export const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * True when the error reports a write-concern failure. The driver puts it in different places: `err`
 * when the bulk write had no write errors, the `BulkWriteResult` (`result.getWriteConcernError()`) beside
 * the `writeErrors` when it had some, `errorResponse.writeConcernError` on a single-document command.
 * A write-concern error means the writes that did succeed were not acknowledged as asked (e.g. by the
 * majority of a replica set): they may be rolled back, so nothing may treat them as applied.
 */
export function hasWriteConcernError(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  if (error.errorResponse?.writeConcernError || error.errorResponse?.writeConcernErrors) return true;
  if (!(error instanceof MongoBulkWriteError)) return false;
  if (error.err) return true;
  const result: unknown = error.result;
  if (result && typeof (result as { getWriteConcernError?: unknown }).getWriteConcernError === 'function') {
    if ((result as { getWriteConcernError(): unknown }).getWriteConcernError()) return true;
  }
  const raw =
    result && typeof (result as { getRawResponse?: unknown }).getRawResponse === 'function'
      ? (result as { getRawResponse(): { writeConcernErrors?: unknown[] } }).getRawResponse()
      : undefined;
  return Array.isArray(raw?.writeConcernErrors) && raw.writeConcernErrors.length > 0;
}

/**
 * True when every failure of an unordered bulk write is a duplicate key, i.e. each failed upsert met a
 * document that already reflects that revision or a newer one ("already applied") — and the write
 * concern was met. A bulk write error that also carries a write-concern error is a failure, never
 * "already applied": the checkpoint must not move past writes the majority did not acknowledge.
 */
export function onlyDuplicateKeys(error: unknown): boolean {
  if (hasWriteConcernError(error)) return false;
  if (!(error instanceof MongoBulkWriteError)) return isDuplicateKeyError(error);
  const failures = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return failures.length > 0 && failures.every((failure) => failure.code === DUPLICATE_KEY);
}

/** Indexes (into the operations) of the writes of a bulk write that failed with a duplicate key. */
function duplicateIndexes(error: MongoBulkWriteError): number[] {
  const failures = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return failures.filter((failure) => failure.code === DUPLICATE_KEY).map((failure) => failure.index);
}

/**
 * Runs revision-guarded upserts (`filter: { _id, revision: { $lt: new } }`, `upsert: true`), unordered.
 * E11000 on such an upsert means either that the document exists with a revision ≥ ours (already
 * applied) or that it did not exist when the filter was evaluated and another writer inserted it
 * meanwhile (two projectors racing during a lease takeover). Those writes are retried
 * once: the document exists now, so the filter matches exactly when ours is newer, and a second E11000
 * means already applied. Any other error is thrown.
 */
export async function upsertIfNewer<T extends Document>(collection: Collection<T>, writes: AnyBulkWriteOperation<T>[]): Promise<void> {
  if (writes.length === 0) return;
  try {
    await collection.bulkWrite(writes, { ordered: false });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    const again = error instanceof MongoBulkWriteError ? duplicateIndexes(error).flatMap((index) => writes[index] ?? []) : writes;
    try {
      await collection.bulkWrite(again, { ordered: false });
    } catch (retryError) {
      if (!onlyDuplicateKeys(retryError)) throw retryError;
    }
  }
}
