import type { ProjectionsAdmin, ProjectionsReport } from '@orders/backend';
import { cliContext } from '../cli-context';
import { openStores } from '../cli-stores';
import { printTable } from './print';

/** What `projections status` prints: the figures of GET /api/v3/admin/projections plus a running rebuild. */
export type StatusReport = ProjectionsReport;

/** Per projection: checkpoint against the head of the log, on either backend; and who holds the rebuild lock. */
export function statusReport(projections: ProjectionsAdmin): Promise<StatusReport> {
  return projections.status();
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
    printStatus(await statusReport(stores.backend.projections), options.json);
  } finally {
    await stores.close();
  }
}
