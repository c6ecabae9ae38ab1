import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError, MongoWriteConcernError } from 'mongodb';
// the driver's own result and write-concern classes (not exported from the package root): the errors
// below are built the way `BulkOperationBase.handleWriteError` builds them
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BulkWriteResult, WriteConcernError } = require('mongodb/lib/bulk/common') as {
  BulkWriteResult: new (bulkResult: object, isOrdered: boolean) => object;
  WriteConcernError: new (error: object) => object;
};
import { hasWriteConcernError, onlyDuplicateKeys } from './duplicate-key';

const writeConcernTimeout = { code: 64, codeName: 'WriteConcernTimeout', errmsg: 'waiting for replication timed out' };

function bulkResult(writeErrors: { code: number; index: number; errmsg: string }[], writeConcernErrors: object[]) {
  return new BulkWriteResult(
    {
      ok: 1,
      writeErrors,
      writeConcernErrors,
      insertedIds: [],
      nInserted: 0,
      nUpserted: 0,
      nMatched: 1,
      nModified: 1,
      nRemoved: 0,
      upserted: [],
    },
    false,
  );
}

/** As the driver throws it when a batch had write errors: the write-concern errors ride in the result. */
function withWriteErrors(codes: number[], writeConcernErrors: object[] = []) {
  const writeErrors = codes.map((code, index) => ({ code, index, errmsg: `E${code}` }));
  return new MongoBulkWriteError(
    { message: writeErrors[0]!.errmsg, code: writeErrors[0]!.code, writeErrors: writeErrors as never },
    bulkResult(writeErrors, writeConcernErrors) as never,
  );
}

describe('duplicate-key classification and write concern', () => {
  it('a bulk write of duplicate keys only, write concern met, is "already applied"', () => {
    expect(onlyDuplicateKeys(withWriteErrors([11000, 11000]))).toBe(true);
    expect(hasWriteConcernError(withWriteErrors([11000]))).toBe(false);
  });

  it('duplicate keys beside a write-concern error are a failure (the other writes were not acknowledged)', () => {
    const error = withWriteErrors([11000], [new WriteConcernError(writeConcernTimeout)]);
    expect(error.err).toBeUndefined(); // the driver does not put it in `err` here
    expect(hasWriteConcernError(error)).toBe(true);
    expect(onlyDuplicateKeys(error)).toBe(false);
  });

  it('a write-concern error alone (no write errors) is a failure', () => {
    const wce = new WriteConcernError(writeConcernTimeout);
    const error = new MongoBulkWriteError(wce as never, bulkResult([], [wce]) as never);
    expect(onlyDuplicateKeys(error)).toBe(false);
  });

  it('a single-document duplicate key whose reply carries a writeConcernError is a failure', () => {
    const error = new MongoServerError({ message: 'E11000', code: 11000, writeConcernError: writeConcernTimeout });
    expect(onlyDuplicateKeys(error)).toBe(false);
    expect(onlyDuplicateKeys(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(true);
    expect(hasWriteConcernError(new MongoWriteConcernError({ writeConcernError: writeConcernTimeout } as never))).toBe(true);
  });
});
