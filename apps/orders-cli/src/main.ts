import { failureExitCode, failureText } from './cli-failure';
import { runCli } from './program';

// runCli reports its own failures; this catches only what escapes it, in the same format
runCli(process.argv).catch((error: unknown) => {
  console.error(failureText(error));
  process.exitCode = failureExitCode(error);
});
