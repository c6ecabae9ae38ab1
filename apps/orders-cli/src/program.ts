import { Command } from 'commander';
import { CliError } from './cli-context';
import { registerHistoryCommand } from './commands/history.command';
import { registerKeysCommands } from './commands/keys.command';
import { registerProjectionsCommands } from './commands/projections.command';

/**
 * Admin CLI (SPEC §7): `npm run cli -- <command>`; the backend from the same variables as the service.
 * `setup` runs before the commands are added, so that they inherit its settings (tests: exitOverride,
 * configureOutput).
 */
export function createProgram(setup: (program: Command) => Command = (program) => program): Command {
  const program = setup(new Command('orders-cli'))
    .description('Admin commands for the orders service, on the embedded files or on EventStoreDB + MongoDB')
    .addHelpText(
      'after',
      `
Backend (the same variables and rules as the service):
  embedded     neither EVENTSTORE_URL nor MONGODB_URL set: the SQLite files under DATA_DIR (default ./data)
  distributed  both set: EVENTSTORE_URL=esdb://host:2113?tls=false  MONGODB_URL=mongodb://host:27017/orders
               (one without the other: exit code 2; a server that does not answer within 5 s: exit code 1)`,
    )
    .showHelpAfterError();
  registerProjectionsCommands(program);
  registerHistoryCommand(program);
  registerKeysCommands(program);
  return program;
}

/**
 * Runs the CLI: a CliError prints `error: <message>` on stderr and sets its exit code (2 for a
 * configuration error, 1 otherwise); anything else prints the error and sets 1.
 */
export async function runCli(argv: readonly string[], from: 'node' | 'user' = 'node', program = createProgram()): Promise<void> {
  try {
    await program.parseAsync(argv, { from });
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`error: ${error.message}`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}
