import { type ChildProcess, spawn } from 'node:child_process';

/** A child process serving HTTP on 127.0.0.1, started by {@link startHttpChild}. */
export interface HttpChild {
  url: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal */
  stop(graceMs?: number): Promise<number | string | null>;
}

const OUTPUT_KEPT = 64 * 1024;

const exited = (child: ChildProcess): Promise<number | string | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode ?? child.signalCode)
    : new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));

/**
 * Spawns `node [nodeArgs] script` and waits for the line `listening on http://<ip>:<port>` on stdout
 * or stderr (the ceiling server prints it on stdout, the orders service on stderr: its stdout is JSON logs).
 */
export async function startHttpChild(
  script: string,
  options: { nodeArgs?: string[]; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<HttpChild> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    cwd: options.cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${script} did not start within ${options.timeoutMs ?? 30_000} ms:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (): void => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      done(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited with ${code ?? signal} before listening:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited(child);
      clearTimeout(timer);
      return result;
    },
  };
}
