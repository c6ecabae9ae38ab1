import { storage } from 'nestjs-pino/storage';

/**
 * True inside a request that nestjs-pino's middleware has bound a logger to: its lines already carry the
 * `reqId`. (Fastify hooks that run before the middleware, or code after an await that lost the async
 * context, are outside it and must add the id themselves.)
 */
export const inRequestLogContext = (): boolean => storage.getStore() !== undefined;
