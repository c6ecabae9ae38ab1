import { EMBEDDED_PROJECTION, type ProjectionStatus, projectionStatus, RebuildLock, type RebuildLockOwner, SqliteReadModels } from '@orders/read-models';
import { MongoRebuildLock } from '@orders/read-models/mongo/rebuild';
import { cliContext } from '../cli-context';
import { type CliStores, openStores } from '../cli-stores';
import { printTable } from './print';

/** What `projections status` prints: the figures of GET /api/v3/admin/projections plus a running rebuild. */
export interface StatusReport {
  items: ProjectionStatus[];
  rebuildRunning: RebuildLockOwner | null;
}

/** Per projection: checkpoint against the head of the log, on either backend; and who holds the rebuild lock. */
export async function statusReport(stores: CliStores): Promise<StatusReport> {
  if (stores.kind === 'distributed') {
    const { readModels } = stores;
    const items = await projectionStatus(stores.eventStore, [readModels]);
    return { items, rebuildRunning: await MongoRebuildLock.holder(readModels.db, readModels.name) };
  }
  const readModels = SqliteReadModels.open(stores.context.readModelsFile);
  try {
    const items = await projectionStatus(stores.eventStore, [readModels]);
    return { items, rebuildRunning: RebuildLock.holder(readModels.db, EMBEDDED_PROJECTION) };
  } finally {
    await readModels.close();
  }
}

/** The same text (or JSON) for both backends. */
export function printStatus(report: StatusReport, json = false): void {
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  printTable(
    ['projection', 'position', 'head', 'lag', 'caught-up'],
    report.items.map((s) => [s.name, s.position, s.head, s.lag, s.caughtUp ? 'yes' : 'no']),
  );
  const rebuild = report.rebuildRunning;
  if (rebuild) console.log(`rebuild running: pid ${rebuild.pid} on ${rebuild.host}`);
}

export async function projectionsStatus(options: { json?: boolean }): Promise<void> {
  const stores = await openStores(cliContext());
  try {
    printStatus(await statusReport(stores), options.json);
  } finally {
    await stores.close();
  }
}
