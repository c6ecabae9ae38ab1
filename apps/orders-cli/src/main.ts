import { Command } from 'commander';
import { CliError } from './cli-context';
import { registerHistoryCommand } from './commands/history.command';
import { registerKeysCommands } from './commands/keys.command';
import { registerProjectionsCommands } from './commands/projections.command';

/** Admin CLI (SPEC §7): `npm run cli -- <command>`; data from DATA_DIR like the service. */
const program = new Command('orders-cli')
  .description('Admin commands for the orders service (data in DATA_DIR, default ./data)')
  .showHelpAfterError();

registerProjectionsCommands(program);
registerHistoryCommand(program);
registerKeysCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(`error: ${error.message}`);
    process.exitCode = error.exitCode;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
