import type { Command } from 'commander';
import { encryptSqliteEvents, PersonalDataCodec } from '@orders/personal-data';
import { CliError, cliContext } from '../cli-context';
import { openCliBackend } from '../cli-stores';

/**
 * `personal-data encrypt`: moves an embedded event log written before encryption to encrypted form in
 * place (docs/personal-data.md#existing-data). EventStoreDB logs are not rewritten by this command.
 */
async function encrypt(options: { progress: boolean }): Promise<void> {
  const context = cliContext();
  if (context.kind !== 'embedded') {
    throw new CliError(
      'personal-data encrypt rewrites the embedded event log only; for EventStoreDB see docs/personal-data.md#existing-data ' +
        '(append encrypted copies, delete the old streams, scavenge)',
    );
  }
  const backend = openCliBackend(context, { existing: true });
  try {
    await backend.verify().catch((error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error));
    });
    const codec = new PersonalDataCodec(backend.subjectKeys);
    const report = (done: number, total: number) => {
      if (options.progress) process.stderr.write(`\r${done} / ${total} events`);
    };
    const { events, sealed } = await encryptSqliteEvents(context.eventsFile, codec, report);
    if (options.progress) process.stderr.write('\n');
    console.log(
      `${sealed} of ${events} events sealed (personal fields encrypted per data subject); keys in the data directory's subject-keys.sqlite`,
    );
  } finally {
    await backend.close();
  }
}

export function registerPersonalDataCommands(program: Command): void {
  const group = program.command('personal-data').description('personal data in the event log (docs/personal-data.md)');
  group
    .command('encrypt')
    .description(
      'encrypt the personal fields of events written before encryption, in place (embedded DATA_DIR only; every event ' +
        'keeps its position, revision and id; idempotent; run it with the service stopped)',
    )
    .option('--no-progress', 'do not print progress')
    .action(encrypt);
}
