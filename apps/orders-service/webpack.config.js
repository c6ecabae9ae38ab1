// The service bundle: main.js is built from src/entry.ts, which runs main.ts on the main thread and the
// embedded backend's worker roles in worker threads (one file for both: see libs/backend/src/threads/launch.ts).
const { join } = require('node:path');
const { AsciiOnlyPlugin } = require('./ascii-only-plugin');

/**
 * Packages only the distributed backend uses. They are loaded on first use instead of when the bundle
 * starts: the MongoDB driver's BSON serializer alone allocates a 17 MB buffer when loaded, and with the
 * EventStoreDB gRPC client they cost the embedded backend ~14 MB of RSS for nothing (measured: 148 → 134 MB
 * idle). TypeScript's CommonJS output reads an import's members when they are used (`mongodb_1.MongoClient`),
 * so a proxy that requires the package on its first member access is enough.
 */
const LAZY_PACKAGES = ['mongodb', '@eventstore/db-client'];
const lazyExternal = (name) =>
  `var new Proxy({}, { get: (_, key) => require(${JSON.stringify(name)})[key], has: (_, key) => key in require(${JSON.stringify(name)}) })`;

module.exports = (options) => ({
  ...options,
  entry: join(__dirname, 'src/entry.ts'),
  externals: [Object.fromEntries(LAZY_PACKAGES.map((name) => [name, lazyExternal(name)])), ...[options.externals ?? []].flat()],
  plugins: [...(options.plugins ?? []), new AsciiOnlyPlugin()],
});
