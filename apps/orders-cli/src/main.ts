import { runCli } from './program';

runCli(process.argv).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
