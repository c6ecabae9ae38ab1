import { DEFAULT_REBUILD_BATCH_SIZE, EMBEDDED_PROJECTION, RebuildLockedError, rebuildProjections } from '@orders/read-models';
import { rebuildMongoProjections } from '@orders/read-models/mongo/rebuild';
import { CliError, cliContext } from '../cli-context';
import { type CliStores, openStores } from '../cli-stores';
import { RebuildProgressBar } from './rebuild-progress-bar';

export interface RebuildCommandOptions {
  batchSize?: string;
  fresh?: boolean;
  progress: boolean;
}

/** events per batch when --batch-size is not given */
export const DEFAULT_BATCH_SIZE = { embedded: DEFAULT_REBUILD_BATCH_SIZE, distributed: 10_000 } as const;

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
    await runRebuild(stores, name, { ...options, batchSize: batchSize ?? DEFAULT_BATCH_SIZE[stores.kind] });
  } finally {
    await stores.close();
  }
}

/** Checks the projection name, rebuilds and prints the summary (a held lock is a plain CLI error). */
export async function runRebuild(stores: CliStores, name: string | undefined, options: RebuildRun): Promise<void> {
  const projection = stores.kind === 'distributed' ? stores.readModels.name : EMBEDDED_PROJECTION;
  if (name !== undefined && name !== projection) {
    const which = stores.kind === 'distributed' ? 'the MongoDB read store' : 'the embedded backend';
    throw new CliError(`unknown projection '${name}' (${which} has one projection, '${projection}', holding every read model)`);
  }
  try {
    await (stores.kind === 'distributed' ? rebuildDistributed(stores, options) : rebuildEmbedded(stores, options));
  } catch (error) {
    throw error instanceof RebuildLockedError ? new CliError(error.message) : error;
  }
}

export interface RebuildRun {
  batchSize: number;
  fresh?: boolean;
  progress: boolean;
}

async function rebuildEmbedded(stores: Extract<CliStores, { kind: 'embedded' }>, options: RebuildRun): Promise<void> {
  const bar = new RebuildProgressBar(options.progress, 'positions');
  try {
    const result = await rebuildProjections({
      eventStore: stores.eventStore,
      readModelsFile: stores.context.readModelsFile,
      batchSize: options.batchSize,
      fresh: options.fresh,
      onProgress: (p) => bar.update(p),
    });
    bar.stop();
    console.log(summary(EMBEDDED_PROJECTION, result));
  } finally {
    bar.stop();
  }
}

async function rebuildDistributed(stores: Extract<CliStores, { kind: 'distributed' }>, options: RebuildRun): Promise<void> {
  // EventStoreDB positions are byte offsets in its log: the bar counts bytes, not events
  const bar = new RebuildProgressBar(options.progress, 'log bytes');
  try {
    const result = await rebuildMongoProjections({
      eventStore: stores.eventStore,
      readModels: stores.readModels,
      batchSize: options.batchSize,
      fresh: options.fresh,
      onProgress: (p) => bar.update(p),
    });
    bar.stop();
    console.log(
      `${summary(stores.readModels.name, result)}; live projector paused ${(result.pausedMs / 1000).toFixed(2)} s, ` +
        `collections swapped in ${result.swapMs} ms`,
    );
  } finally {
    bar.stop();
  }
}

function summary(projection: string, result: { events: number; elapsedMs: number; resumedFrom: number; position: number }): string {
  const seconds = result.elapsedMs / 1000;
  const resumed = result.resumedFrom > 0 ? ` (resumed from position ${result.resumedFrom})` : '';
  return (
    `rebuilt projection '${projection}': ${result.events} events in ${seconds.toFixed(2)} s ` +
    `(${Math.round(result.events / Math.max(seconds, 0.001))} events/s)${resumed}; live checkpoint now ${result.position}`
  );
}
