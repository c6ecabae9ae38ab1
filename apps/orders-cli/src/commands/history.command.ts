import type { Command } from 'commander';
import { orderStreamId } from '@orders/domain';
import { orderHistory } from '@orders/read-models';
import { CliError, cliContext } from '../cli-context';
import { openStores } from '../cli-stores';

const show = (value: unknown): string => (value === undefined ? '∅' : JSON.stringify(value));

async function history(orderId: string, options: { json?: boolean }): Promise<void> {
  const stores = await openStores(cliContext());
  const { eventStore } = stores;
  try {
    const events = await eventStore.readStream(orderStreamId(orderId));
    if (events.length === 0) throw new CliError(`no order '${orderId}' has ever existed`);
    const entries = orderHistory(events);
    if (options.json) {
      console.log(JSON.stringify({ orderId, items: entries, totalCount: entries.length }, null, 2));
      return;
    }
    for (const entry of entries) {
      const who = [
        entry.apiKeyName && `key ${entry.apiKeyName}`,
        entry.correlationId && `correlation ${entry.correlationId}`,
        entry.jobId && `job ${entry.jobId}`,
      ]
        .filter(Boolean)
        .join(', ');
      console.log(
        `#${entry.revision} ${entry.time} ${entry.type} → ${entry.versionTag ?? '-'}${entry.deleted ? ' (deleted)' : ''}${who ? `  [${who}]` : ''}`,
      );
      if (entry.action !== undefined) console.log(`    action ${JSON.stringify(entry.action)}`);
      for (const change of entry.changes) {
        const from = change.op === 'added' ? undefined : change.from;
        const to = change.op === 'removed' ? undefined : change.to;
        console.log(`    ${change.path}: ${show(from)} → ${show(to)}`);
      }
    }
  } finally {
    await stores.close();
  }
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description("an order's audit history: every event with its versionTag, who caused it and the field-level changes")
    .argument('<orderId>', 'the order')
    .option('--json', 'print JSON (the same entries as GET /api/v3/orders/{orderId}/history)')
    .action(history);
}
