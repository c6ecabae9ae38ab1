import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { type DemoDataSet, defaultDemoContacts, demoDataSet } from '@orders/demo-data';
import { describeEventStore } from '@orders/backend';
import { CliError, cliContext } from '../../cli-context';
import { openStores } from '../../cli-stores';
import { DemoProgressBar } from './demo-progress-bar';
import { type DemoLoadResult, loadDemo } from './load-demo';

export interface DemoLoadOptions {
  orders: string;
  seed: string;
  contacts?: string;
  progress: boolean;
}

const MAX_ORDERS = 1_000_000;
const DAY_MS = 86_400_000;

function integerOption(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

/** the ContactId with the most orders, for the example query */
function busiestContact(data: DemoDataSet): string | undefined {
  const counts = new Map<string, number>();
  for (const { body } of data.orders) {
    const contact = body.contact as { matchKey: string; matchKeyType: string };
    if (contact.matchKeyType === 'ContactId') counts.set(contact.matchKey, (counts.get(contact.matchKey) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function printSummary(data: DemoDataSet, result: DemoLoadResult): void {
  const { orders, contacts, articles, stores } = result;
  const present = contacts.present + articles.present + stores.present;
  console.log(
    `orders:    ${orders.written} written, ${orders.present} already there (skipped, never overwritten)\n` +
      `registers: ${contacts.written} contacts, ${articles.written} articles, ${stores.written} stores written, ${present} already there (kept as they are)\n` +
      `events:    ${result.events} appended in ${(result.elapsedMs / 1000).toFixed(2)} s\n` +
      `left out of the registers on purpose, so their warnings show: contacts ${data.unregistered.contacts}; articles ${data.unregistered.articles}; store ${data.unregistered.stores}`,
  );
  const first = data.orders[0]?.orderId;
  const contact = busiestContact(data);
  console.log(
    "The running service's projector picks these events up by itself (no restart or rebuild); a service started later reads them at start.\nTry:" +
      (first
        ? `\n  GET  /api/v3/orders/${first}    and    /api/v3/orders/${first}/warnings    and    /api/v3/orders/${first}/history`
        : '') +
      (contact ? `\n  GET  /api/v3/orders?contactId=${contact}` : '') +
      `\n  POST /api/v3/segments/query  {"filter":{"line":{"field":"article.brand","op":"eq","value":"Arctic Line"}},"having":{"orderCount":{"op":"gte","value":2}}}`,
  );
}

/** `demo load`: checks the options, opens the backend (creating the embedded event store if needed), writes, prints the summary. */
export async function demoLoad(options: DemoLoadOptions): Promise<void> {
  const orders = integerOption('--orders', options.orders, 1, MAX_ORDERS);
  const seed = integerOption('--seed', options.seed, 0, 0xffff_ffff);
  const contacts =
    options.contacts === undefined ? defaultDemoContacts(orders) : integerOption('--contacts', options.contacts, 1, MAX_ORDERS);
  const context = cliContext();
  const data = demoDataSet({ seed, orders, contacts, baseTime: Math.floor(Date.now() / DAY_MS) * DAY_MS });
  const stores = await openStores(context, { createEmbedded: true });
  const correlationId = randomUUID();
  console.log(
    `demo load: seed ${seed}, orders ${data.orders[0]!.orderId} … ${data.orders.at(-1)!.orderId} over ${contacts} customers, into ${describeEventStore(context)} ` +
      `(correlationId ${correlationId})`,
  );
  const total = data.contacts.length + data.articles.length + data.stores.length + data.orders.length;
  const bar = new DemoProgressBar(options.progress, total);
  try {
    const result = await loadDemo(stores.eventStore, data, { correlationId, onEntry: (phase) => bar.tick(phase) });
    bar.stop();
    printSummary(data, result);
  } finally {
    bar.stop();
    await stores.close();
  }
}

export function registerDemoCommands(program: Command): void {
  const demo = program
    .command('demo')
    .description('demo data: fill the configured backend with realistic orders and register entries to try the API on')
    .addHelpText('after', '\nCommands write events as the API would; run `demo load --help` for what is written and how it stays safe.');
  demo
    .command('load')
    .description(
      'write N realistic demo orders (orderIds demo-<seed>-1 … demo-<seed>-N, some completed later by a status change) through the ' +
        'domain decider, plus contacts, articles (brand, category, colour, size) and stores for them',
    )
    .requiredOption('--orders <n>', `number of orders (1–${MAX_ORDERS})`)
    .option('--seed <s>', 'the same seed gives the same orders; a second run with it writes nothing new', '1')
    .option('--contacts <m>', 'customers the orders are spread over (default: a quarter of the orders, at least 10)')
    .option('--no-progress', 'do not draw the progress bar')
    .addHelpText(
      'after',
      `
What is written (into the backend the service uses: DATA_DIR, or EventStoreDB + MongoDB when both URLs are set):
  orders     generated Orders v3 bodies (1–10 lines, payments, taxes, fees, delivery, addresses), checked and
             canonicalised by the domain's rules (those the API applies) and decided by the domain, so the events are
             the ones the API would write; every match-key type is used (ContactId, Email, MemberNumber, MobilePhone)
  contacts   contact-1 … contact-<m> with e-mail, phone and member number matching the orders' keys
  articles   every SKU the orders use, with attributes brand, category, colour and size (for segments)
  stores     store-1 … store-5
  Left out on purpose, for the warnings: every 10th contact, the BELT-* articles and store-6.

Safe next to a running service: an orderId or register entry that exists is skipped and counted, never
overwritten (appends expect no stream). The running service's projector picks the events up by itself.`,
    )
    .action(demoLoad);
}
