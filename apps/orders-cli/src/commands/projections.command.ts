import type { Command } from 'commander';
import { EMBEDDED_PROJECTION } from '@orders/read-models';
import { DEFAULT_BATCH_SIZE, projectionsRebuild } from './projections-rebuild';
import { projectionsStatus } from './projections-status';

export function registerProjectionsCommands(program: Command): void {
  const projections = program
    .command('projections')
    .description('projection status and rebuilds (embedded files or EventStoreDB + MongoDB)');
  projections
    .command('status')
    .description('per projection: checkpoint position, head of the log, lag and whether it is caught up')
    .option('--json', 'print JSON (the items of GET /api/v3/admin/projections, and a running rebuild)')
    .action(projectionsStatus);
  projections
    .command('rebuild')
    .description(
      'replay the whole log into fresh tables (embedded) or `<collection>__rebuild` collections (MongoDB) and swap them in ' +
        'when caught up; the service keeps serving (on MongoDB its projector pauses for the swap)',
    )
    .argument('[name]', `projection to rebuild (${EMBEDDED_PROJECTION}: every read model)`)
    .option(
      '--batch-size <n>',
      `events per batch (default ${DEFAULT_BATCH_SIZE.embedded} embedded, ${DEFAULT_BATCH_SIZE.distributed} on MongoDB)`,
    )
    .option('--fresh', 'start over instead of resuming an interrupted rebuild')
    .option('--no-progress', 'do not draw the progress bar')
    .action(projectionsRebuild);
}
