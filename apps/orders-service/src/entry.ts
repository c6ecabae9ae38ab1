// The bundle's entry (webpack.config.js: built as main.js). On the main thread it registers this file as
// the script of the embedded backend's worker threads and runs the service (main.ts); in such a worker
// thread it runs the worker's role only — none of Nest is loaded there.
import { isMainThread } from 'node:worker_threads';
import { runWorkerThread, useWorkerScript } from '@orders/backend/threads';

if (isMainThread) {
  useWorkerScript(__filename);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./main');
} else {
  runWorkerThread();
}
