/**
 * The command side every caller shares (the service's handlers, E7, the registers, the CLI's demo
 * loader): the stream-command loop, the order and register commands on it, and the application errors
 * with stable codes that domain rejections map to. Plain TypeScript on @orders/domain and @orders/event-store.
 */
export * from './application-error';
export * from './rejections';
export * from './stream-command';
export * from './order-commands';
export * from './register-commands';
export { FoldCache, type FoldCacheLimits, type FoldedStream, type IdempotentChange } from './fold-cache';
export { canonicalJson, idempotencyScope, idempotentEventId, type IdempotencyScope, requestHash } from './idempotency';
export { assertIfMatch, assertRegisterIfMatch, parseIfMatch, registerEntityTag } from './if-match';
export { decodeJobId, encodeJobId, MAX_JOB_ID_LENGTH } from './job-id';
export { KeyedMutex } from './keyed-mutex';
