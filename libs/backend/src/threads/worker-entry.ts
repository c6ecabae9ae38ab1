// The worker script when run from the sources (launch.ts bundles this file with esbuild).
import { runWorkerThread } from './worker-main';

runWorkerThread();
