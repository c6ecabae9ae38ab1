import { describe, expect, it } from 'vitest';
import { type CliEnv, type CliRun, runCliInProcess } from './support/cli-run';

/** Runs the CLI in this process as main.js does, with these variables; returns what it printed and the exit code. */
const run = (env: CliEnv, ...args: string[]): Promise<CliRun> => runCliInProcess(env, ...args);

const ESDB = 'esdb://127.0.0.1:1?tls=false';
const MONGO = 'mongodb://127.0.0.1:2/orders';

describe('orders-cli on the distributed backend: arguments and variables', () => {
  const commands = [
    ['projections', 'status'],
    ['projections', 'rebuild'],
    ['history', 'A-1'],
    ['demo', 'load', '--orders', '1'],
  ];

  it.each(commands)('%s %s: MONGODB_URL without EVENTSTORE_URL is exit code 2 naming EVENTSTORE_URL', async (...args) => {
    const { err, code } = await run({ MONGODB_URL: MONGO }, ...args);
    expect(code).toBe(2);
    expect(err).toMatch(/^error: invalid configuration: EVENTSTORE_URL: is not set but MONGODB_URL is/);
  });

  it.each(commands)('%s %s: EVENTSTORE_URL without MONGODB_URL is exit code 2 naming MONGODB_URL', async (...args) => {
    const { err, code } = await run({ EVENTSTORE_URL: ESDB, DATA_DIR: '/nonexistent' }, ...args);
    expect(code).toBe(2);
    expect(err).toMatch(/^error: invalid configuration: MONGODB_URL: is not set but EVENTSTORE_URL is/);
  });

  it('a URL of the wrong kind is exit code 2 naming its variable, with the password hidden', async () => {
    const { err, code } = await run({ EVENTSTORE_URL: ESDB, MONGODB_URL: 'postgres://u:secret@db/orders' }, 'projections', 'status');
    expect(code).toBe(2);
    expect(err).toMatch(/^error: invalid configuration: MONGODB_URL: must be a MongoDB connection string/);
    expect(err).toContain('u:***@db');
    expect(err).not.toContain('secret');
  });

  it('an empty value counts as unset (both empty: the embedded files under DATA_DIR)', async () => {
    const { err, code } = await run({ EVENTSTORE_URL: ' ', MONGODB_URL: '', DATA_DIR: '/nonexistent/orders' }, 'projections', 'status');
    expect(code).toBe(1);
    expect(err).toContain('no event store at /nonexistent/orders/events.sqlite');
  });

  it('servers that do not answer: exit code 1 with a message naming the variable and the URL (within the 5 s bound)', async () => {
    const { err, code } = await run({ EVENTSTORE_URL: ESDB, MONGODB_URL: MONGO }, 'projections', 'status');
    expect(code).toBe(1);
    expect(err).toMatch(/^error: EVENTSTORE_URL: EventStoreDB did not answer at esdb:\/\/127\.0\.0\.1:1\?tls=false within 5000 ms/);
  }, 20_000);

  it('a bad --batch-size fails before any server is contacted', async () => {
    const env = { EVENTSTORE_URL: ESDB, MONGODB_URL: MONGO };
    expect(await run(env, 'projections', 'rebuild', '--batch-size', '0')).toMatchObject({
      code: 1,
      err: expect.stringContaining('--batch-size must be a positive integer'),
    });
  });

  it('--help describes both backends', async () => {
    const { out } = await run({}, '--help');
    expect(out).toContain('embedded     neither EVENTSTORE_URL nor MONGODB_URL set');
    expect(out).toContain('distributed  both set');
    const projections = await run({}, 'projections', '--help');
    expect(projections.out).toContain('EventStoreDB + MongoDB');
  });
});
