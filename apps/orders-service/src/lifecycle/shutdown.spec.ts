import { describe, expect, it } from 'vitest';
import type { InFlightRequests } from './in-flight-requests';
import { GracefulShutdown, type ShutdownParts } from './shutdown';
import { listenFailure } from './listen-failure';

function harness(overrides: Partial<ShutdownParts> = {}) {
  const lines: { level: string; line: Record<string, unknown> }[] = [];
  const exits: number[] = [];
  const steps: string[] = [];
  const at = (level: string) => (line: unknown) => void lines.push({ level, line: line as Record<string, unknown> });
  const requests = {
    startDrain: () => 2,
    drained: () => ({ inFlight: 2, completed: 2, cut: 0 }),
  } as unknown as InFlightRequests;
  const shutdown = new GracefulShutdown({
    closeHttp: async () => void steps.push('http'),
    closeApp: async () => void steps.push('app'),
    requests,
    roles: ['projector', 'dispatcher'],
    logger: { log: at('info'), warn: at('warn'), error: at('error') },
    exit: (code) => void exits.push(code),
    timeoutMs: 10_000,
    ...overrides,
  });
  return { shutdown, lines, exits, steps };
}

describe('graceful shutdown', () => {
  it('drains HTTP before the rest closes, logs what it drained and exits 0', async () => {
    const { shutdown, lines, exits, steps } = harness();
    await shutdown.run('SIGTERM');
    expect(steps).toEqual(['http', 'app']);
    expect(exits).toEqual([0]);
    expect(lines.map((l) => l.line.msg)).toEqual(['shutdown started', 'shutdown complete']);
    expect(lines[0]!.line).toMatchObject({ signal: 'SIGTERM', inFlightRequests: 2 });
    expect(lines[1]!.line).toMatchObject({
      signal: 'SIGTERM',
      requests: { inFlight: 2, completed: 2, cut: 0 },
      stopped: ['projector', 'dispatcher'],
      storesClosed: true,
      durationMs: expect.any(Number),
    });
  });

  it('a close that throws is logged as an error and exits 1', async () => {
    const { shutdown, lines, exits } = harness({
      closeApp: () => Promise.reject(new Error('disk gone')),
    });
    await shutdown.run('SIGINT');
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ level: 'error', line: { msg: 'shutdown failed', signal: 'SIGINT' } });
  });

  it('a second signal while closing exits at once with 128 + its number', async () => {
    let release!: () => void;
    const { shutdown, exits } = harness({ closeHttp: () => new Promise<void>((done) => (release = done)) });
    const first = shutdown.run('SIGTERM');
    await shutdown.run('SIGINT');
    expect(exits).toEqual([130]);
    release();
    await first;
  });

  it('installs itself on SIGTERM and SIGINT', () => {
    const { shutdown } = harness();
    const names: string[] = [];
    shutdown.install({ on: ((name: string) => void names.push(name)) as never });
    expect(names).toEqual(['SIGTERM', 'SIGINT']);
  });
});

describe('listen failures', () => {
  it('names the port and the address in one line', () => {
    const failure = listenFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), '127.0.0.1', 3000);
    expect(failure).toBe('port 3000 on 127.0.0.1 is already in use (EADDRINUSE); set PORT or HOST');
    expect(listenFailure(new Error('other'), '127.0.0.1', 3000)).toBeNull();
  });
});
