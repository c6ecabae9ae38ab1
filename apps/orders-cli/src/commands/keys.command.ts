import type { Backend } from '@orders/backend';
import { type ApiKeyRecord, type ApiKeyStore, parseScopes } from '@orders/api-keys';
import type { Command } from 'commander';
import { cliContext } from '../cli-context';
import { openCliBackend } from '../cli-stores';
import { failureExitCode, failureText } from '../cli-failure';

/** Runs an action on the key store; errors are printed and set the exit code (works with parse and parseAsync). */
async function withStore(action: (store: ApiKeyStore) => Promise<void>): Promise<void> {
  let backend: Backend | undefined;
  try {
    // the keys of the data set, where the service keeps them: `api_keys` in MongoDB on the distributed
    // backend (EVENTSTORE_URL + MONGODB_URL), else the key file in DATA_DIR (default ./data), which must exist
    backend = openCliBackend(cliContext(), { existing: true });
    await action(await backend.apiKeys());
  } catch (error) {
    process.stderr.write(`${failureText(error)}\n`);
    process.exitCode = failureExitCode(error);
  } finally {
    await backend?.close();
  }
}

const describeKey = (key: ApiKeyRecord): string =>
  [
    key.name.padEnd(24),
    key.scopes.join(',').padEnd(40),
    key.createdAt.padEnd(26),
    key.revokedAt ? `revoked ${key.revokedAt}` : 'valid',
  ].join(' ');

/** `keys create | list | revoke`: API keys of the data set (DATA_DIR/keys.sqlite, or MongoDB with MONGODB_URL). */
export function registerKeysCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('manage API keys (stored hashed in DATA_DIR/keys.sqlite, or in MongoDB when EVENTSTORE_URL and MONGODB_URL are set)');

  keys
    .command('create')
    .description('create a key and print it once (it is stored only as a SHA-256 hash)')
    .requiredOption('--name <name>', 'unique name, shown in event metadata (letters, digits, _ . -)')
    .requiredOption(
      '--scopes <scopes>',
      'comma-separated: orders:read, orders:write, segments, contacts, automations, personal-data, admin',
    )
    .action((options: { name: string; scopes: string }) =>
      withStore(async (store) => {
        const { key, record } = await store.create(options.name, parseScopes(options.scopes));
        process.stdout.write(`created key '${record.name}' with scopes ${record.scopes.join(',')}. It is shown only now:\n${key}\n`);
      }),
    );

  keys
    .command('list')
    .description('list keys: name, scopes, created, valid or revoked (never the keys themselves)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withStore(async (store) => {
        const all = await store.list();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
          return;
        }
        if (all.length === 0) {
          process.stdout.write('no keys (the service creates an admin key at its first start)\n');
          return;
        }
        process.stdout.write(`${['name'.padEnd(24), 'scopes'.padEnd(40), 'created'.padEnd(26), 'status'].join(' ')}\n`);
        for (const key of all) process.stdout.write(`${describeKey(key)}\n`);
      }),
    );

  keys
    .command('revoke')
    .description('revoke a key at once (the running service stops accepting it); the name stays reserved')
    .argument('<name>', 'name of the key')
    .action((name: string) =>
      withStore(async (store) => {
        if (await store.revoke(name)) {
          process.stdout.write(`revoked key '${name}'\n`);
          return;
        }
        process.stderr.write(`error: no valid key named '${name}'\n`);
        process.exitCode = 1;
      }),
    );
}
