import { MONGO_REBUILD_BATCH_SIZE, type ProjectionsAdmin, type ProjectionsRebuildResult } from '@orders/backend';
import { DEFAULT_REBUILD_BATCH_SIZE, RebuildLockedError } from '@orders/read-models';
import { CliError, cliContext } from '../cli-context';
import { openStores } from '../cli-stores';
import { RebuildProgressBar } from './rebuild-progress-bar';

export interface RebuildCommandOptions {
  batchSize?: string;
  fresh?: boolean;
  progress: boolean;
}

/** events per batch when --batch-size is not given (the help names both) */
export const DEFAULT_BATCH_SIZE = { embedded: DEFAULT_REBUILD_BATCH_SIZE, distributed: MONGO_REBUILD_BATCH_SIZE } as const;

/** --batch-size, checked before anything is opened (undefined: the backend's default) */
function parseBatchSize(options: RebuildCommandOptions): number | undefined {
  if (options.batchSize === undefined) return undefined;
  const batchSize = Number(options.batchSize);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new CliError('--batch-size must be a positive integer');
  return batchSize;
}

/** `projections rebuild [name]` on the embedded read-model file or on MongoDB. */
export async function projectionsRebuild(name: string | undefined, options: RebuildCommandOptions): Promise<void> {
  const context = cliContext();
  const batchSize = parseBatchSize(options);
  const stores = await openStores(context);
  try {
    const { projections } = stores.backend;
    await runRebuild(projections, name, { ...options, batchSize: batchSize ?? projections.defaultBatchSize });
  } finally {
    await stores.close();
  }
}

export interface RebuildRun {
  batchSize: number;
  fresh?: boolean;
  progress: boolean;
}

/** Checks the projection name, rebuilds and prints the summary (a held lock is a plain CLI error). */
export async function runRebuild(projections: ProjectionsAdmin, name: string | undefined, options: RebuildRun): Promise<void> {
  if (name !== undefined && name !== projections.name) {
    const which = projections.readStore;
    throw new CliError(`unknown projection '${name}' (${which} has one projection, '${projections.name}', holding every read model)`);
  }
  const bar = new RebuildProgressBar(options.progress, projections.positionUnit);
  try {
    const result = await projections.rebuild({ batchSize: options.batchSize, fresh: options.fresh, onProgress: (p) => bar.update(p) });
    bar.stop();
    console.log(summary(projections.name, result));
  } catch (error) {
    throw error instanceof RebuildLockedError ? new CliError(error.message) : error;
  } finally {
    bar.stop();
  }
}

function summary(projection: string, result: ProjectionsRebuildResult): string {
  const seconds = result.elapsedMs / 1000;
  const resumed = result.resumedFrom > 0 ? ` (resumed from position ${result.resumedFrom})` : '';
  const { handover } = result;
  return (
    `rebuilt projection '${projection}': ${result.events} events in ${seconds.toFixed(2)} s ` +
    `(${Math.round(result.events / Math.max(seconds, 0.001))} events/s)${resumed}; live checkpoint now ${result.position}` +
    (handover ? `; live projector paused ${(handover.pausedMs / 1000).toFixed(2)} s, collections swapped in ${handover.swapMs} ms` : '')
  );
}
