import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { EMBEDDED_PROJECTION, projectionStatus, RebuildLock, rebuildProjections, SqliteReadModels } from '@orders/read-models';
import { CliError, cliContext, openEventStore } from '../cli-context';
import { printTable } from './print';

async function status(options: { json?: boolean }): Promise<void> {
  const context = cliContext();
  const eventStore = openEventStore(context);
  const readModels = SqliteReadModels.open(context.readModelsFile);
  try {
    const statuses = await projectionStatus(eventStore, [readModels]);
    const rebuild = RebuildLock.holder(readModels.db, EMBEDDED_PROJECTION);
    if (options.json) {
      console.log(JSON.stringify({ items: statuses, rebuildRunning: rebuild }, null, 2));
      return;
    }
    printTable(
      ['projection', 'position', 'head', 'lag', 'caught-up'],
      statuses.map((s) => [s.name, s.position, s.head, s.lag, s.caughtUp ? 'yes' : 'no']),
    );
    if (rebuild) console.log(`rebuild running: pid ${rebuild.pid} on ${rebuild.host}`);
  } finally {
    await readModels.close();
    await eventStore.close();
  }
}

async function rebuild(name: string | undefined, options: { batchSize: string; fresh?: boolean; progress: boolean }): Promise<void> {
  if (name !== undefined && name !== EMBEDDED_PROJECTION) {
    throw new CliError(`unknown projection '${name}' (the embedded backend has one projection, '${EMBEDDED_PROJECTION}', holding every read model)`);
  }
  const batchSize = Number(options.batchSize);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new CliError('--batch-size must be a positive integer');
  const context = cliContext();
  const eventStore = openEventStore(context);
  const bar = new SingleBar(
    { format: 'rebuilding {bar} {percentage}% | {value}/{total} positions | {eps} events/s | ETA {eta_formatted}', etaBuffer: 50 },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const result = await rebuildProjections({
      eventStore,
      readModelsFile: context.readModelsFile,
      batchSize,
      fresh: options.fresh,
      onProgress: (p) => {
        if (!options.progress) return;
        if (!started) {
          bar.start(p.head, p.position, { eps: 0 });
          started = true;
        }
        bar.setTotal(Math.max(p.head, 1));
        bar.update(p.position, { eps: Math.round(p.eventsPerSecond) });
      },
    });
    if (started) bar.stop();
    const seconds = result.elapsedMs / 1000;
    const resumed = result.resumedFrom > 0 ? ` (resumed from position ${result.resumedFrom})` : '';
    console.log(
      `rebuilt projection '${EMBEDDED_PROJECTION}': ${result.events} events in ${seconds.toFixed(2)} s ` +
        `(${Math.round(result.events / Math.max(seconds, 0.001))} events/s)${resumed}; live checkpoint now ${result.position}`,
    );
  } finally {
    if (started) bar.stop();
    await eventStore.close();
  }
}

export function registerProjectionsCommands(program: Command): void {
  const projections = program.command('projections').description('projection status and rebuilds');
  projections
    .command('status')
    .description('per projection: checkpoint position, head of the log, lag and whether it is caught up')
    .option('--json', 'print JSON')
    .action(status);
  projections
    .command('rebuild')
    .description('replay the whole log into fresh tables and swap them in when caught up (the service keeps serving)')
    .argument('[name]', `projection to rebuild (${EMBEDDED_PROJECTION}: every read model of the embedded backend)`)
    .option('--batch-size <n>', 'events per transaction', '20000')
    .option('--fresh', 'start over instead of resuming an interrupted rebuild')
    .option('--no-progress', 'do not draw the progress bar')
    .action(rebuild);
}
