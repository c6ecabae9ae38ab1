/** API keys: scopes, generation and hashing, the ApiKeyStore port and its embedded SQLite adapter. */
export * from './scopes';
export * from './api-key';
export * from './api-key-store.port';
export * from './sqlite/sqlite-api-key-store';
export * from './cached-api-key-lookup';
