import { vi } from 'vitest';
import { createProgram, runCli } from '../../apps/orders-cli/src/program';

export interface CliRun {
  out: string;
  err: string;
  code: number;
}

const VARIABLES = ['EVENTSTORE_URL', 'MONGODB_URL', 'DATA_DIR', 'DEBUG'] as const;
export type CliEnv = Partial<Record<(typeof VARIABLES)[number], string>>;

/**
 * Runs the admin CLI in this process as main.js does (runCli), with exactly these backend variables;
 * returns what it printed and the exit code (commander's own exits — help, usage errors — included).
 */
export async function runCliInProcess(env: CliEnv, ...args: string[]): Promise<CliRun> {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  let code: number | undefined;
  const program = createProgram((p) =>
    p.exitOverride().configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (err += s) }),
  );
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (err += `${parts.join(' ')}\n`));
  process.exitCode = 0;
  try {
    await runCli(args, 'user', program);
  } catch (thrown) {
    // commander's exitOverride: help (exit code 0) and usage errors (1)
    code = (thrown as { exitCode?: number }).exitCode ?? 1;
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
  code ??= Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}
