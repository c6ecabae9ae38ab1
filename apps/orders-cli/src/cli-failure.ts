import { CliError } from './cli-context';

/**
 * How the CLI reports a failure: `error: <message>` on one line, for any error (the stack too only
 * when DEBUG is set, for bug reports); the exit code of a CliError, else 1.
 */
export function failureText(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const debug = Boolean(env.DEBUG?.trim()) && error instanceof Error && !(error instanceof CliError) && error.stack;
  return `error: ${message}${debug ? `\n${error.stack}` : ''}`;
}

export const failureExitCode = (error: unknown): number => (error instanceof CliError ? error.exitCode : 1);
