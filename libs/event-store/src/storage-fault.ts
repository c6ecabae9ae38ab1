/**
 * Storage faults: a store that cannot write because its disk is full, or that cannot be used at all
 * (read-only, an I/O error, a file that cannot be opened, a server that does not answer). Every store
 * port (events, read models, automations, API keys) throws this one error for them, classified where
 * the driver's error arises (the adapters); the service answers it as 507 / 503 and its background
 * loops back off on it. Defined here, in the lowest store library, so that every adapter can import it.
 */

/** `full`: no space left for the write; `unavailable`: read-only, I/O error, cannot open, or unreachable. */
export type StorageFaultKind = 'full' | 'unavailable';

export class StorageFaultError extends Error {
  readonly code = 'STORAGE_FAULT';
  constructor(
    readonly kind: StorageFaultKind,
    /** which store failed: 'events', 'read-models', 'automations', 'api-keys' */
    readonly store: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${store} store ${kind === 'full' ? 'is full' : 'is unavailable'}: ${message}`, options);
    this.name = 'StorageFaultError';
  }
}

export const isStorageFault = (error: unknown): error is StorageFaultError => error instanceof StorageFaultError;

/** Tells from a driver's error whether it is a storage fault, and which. */
export type FaultClassifier = (error: unknown) => StorageFaultKind | undefined;

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
const nameOf = (error: unknown): string => (error instanceof Error ? error.name : '');

/**
 * better-sqlite3 puts SQLite's (extended) result code on the error. SQLITE_FULL (the unix VFS maps
 * ENOSPC to it) is `full`; SQLITE_IOERR_*, SQLITE_READONLY_*, SQLITE_CANTOPEN are `unavailable`.
 * SQLITE_BUSY is not a fault (a lock held by another writer: answered 503 STORE_BUSY as it is).
 */
export const sqliteFaultKind: FaultClassifier = (error) => {
  const code = codeOf(error);
  if (code === 'SQLITE_FULL') return 'full';
  if (/^SQLITE_(IOERR|READONLY|CANTOPEN)(_|$)/.test(code)) return 'unavailable';
  return undefined;
};

/** MongoDB driver errors that say the server cannot be reached (by name: no dependency on the driver here). */
const MONGO_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoWriteConcernError',
]);
/** MongoDB's OutOfDiskSpace server error code. */
const MONGO_OUT_OF_DISK = 14031;

export const mongoFaultKind: FaultClassifier = (error) => {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === MONGO_OUT_OF_DISK) return 'full';
  return MONGO_UNAVAILABLE.has(nameOf(error)) ? 'unavailable' : undefined;
};

/** @eventstore/db-client error types (its `type` field) that say the server cannot be reached or did not answer in time. */
const ESDB_UNAVAILABLE = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);

export const esdbFaultKind: FaultClassifier = (error) =>
  typeof error === 'object' && error !== null && ESDB_UNAVAILABLE.has(String((error as { type?: unknown }).type))
    ? 'unavailable'
    : undefined;

/** The error as a StorageFaultError when `classify` recognises it; anything else unchanged. */
export function toStorageFault(error: unknown, store: string, classify: FaultClassifier): unknown {
  if (error instanceof StorageFaultError) return error;
  const kind = classify(error);
  return kind ? new StorageFaultError(kind, store, error instanceof Error ? error.message : String(error), { cause: error }) : error;
}

/**
 * The adapter with every method's failure (a throw, or a rejected promise) passed through
 * toStorageFault. Methods run on the adapter itself (not the proxy), so internal calls are not wrapped
 * twice; properties and getters are read from it unchanged; `instanceof` still holds.
 */
export function withStorageFaults<T extends object>(adapter: T, store: string, classify: FaultClassifier): T {
  // by function, not by name: a method replaced on the adapter (a test's spy) gets a wrapper of its own
  const wrapped = new WeakMap<object, unknown>();
  const fault = (error: unknown): never => {
    throw toStorageFault(error, store, classify);
  };
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || property === 'constructor') return value;
      const method = value as (...args: unknown[]) => unknown;
      let wrapper = wrapped.get(method);
      if (!wrapper) {
        wrapper = (...args: unknown[]): unknown => {
          let result: unknown;
          try {
            result = method.apply(target, args);
          } catch (error) {
            return fault(error);
          }
          return result instanceof Promise ? result.catch(fault) : result;
        };
        wrapped.set(method, wrapper);
      }
      return wrapper;
    },
  });
}
