// The service bundle: main.js is built from src/entry.ts, which runs main.ts on the main thread and the
// embedded backend's worker roles in worker threads (one file for both: see libs/backend/src/threads/launch.ts).
const { join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: join(__dirname, 'src/entry.ts'),
});
