import { Command, CommanderError } from 'commander';
import { failureExitCode, failureText } from './cli-failure';
import { registerDemoCommands } from './commands/demo/demo.command';
import { registerHistoryCommand } from './commands/history.command';
import { registerKeysCommands } from './commands/keys.command';
import { registerPersonalDataCommands } from './commands/personal-data.command';
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
  registerDemoCommands(program);
  registerPersonalDataCommands(program);
  return program;
}

/**
 * Runs the CLI: a failure prints `error: <message>` on stderr (no stack unless DEBUG is set) and sets
 * the exit code — a CliError's own (2 for a configuration error), 1 for anything else. Commander's
 * own exits (help, usage errors) are left to commander; with exitOverride they are rethrown.
 */
export async function runCli(argv: readonly string[], from: 'node' | 'user' = 'node', program = createProgram()): Promise<void> {
  try {
    await program.parseAsync(withoutHelpForUnknownCommand(program, argv, from), { from });
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    console.error(failureText(error));
    process.exitCode = failureExitCode(error);
  }
}

const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * Commander answers `<unknown> --help` with the parent's help and exit code 0, which hides a typo or
 * a missing command. When a group command (one with subcommands) is followed by a name it does not
 * know, the help flags are dropped so that commander reports `unknown command` with exit code 1.
 */
export function withoutHelpForUnknownCommand(program: Command, argv: readonly string[], from: 'node' | 'user'): string[] {
  const args = from === 'node' ? argv.slice(2) : [...argv];
  let command = program;
  for (const arg of args) {
    if (arg.startsWith('-')) continue; // group commands take no options besides --help
    if (command.commands.length === 0 || arg === 'help') return [...argv];
    const next = command.commands.find((sub) => sub.name() === arg || sub.aliases().includes(arg));
    if (!next) return argv.filter((a, i) => (from === 'node' && i < 2) || !HELP_FLAGS.has(a));
    command = next;
  }
  return [...argv];
}
