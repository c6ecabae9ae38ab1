import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

const failure = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
};

describe('loadConfig', () => {
  it('gives every variable its default when the environment is empty', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      projectorEnabled: true,
      embeddedThreads: true,
      logLevel: 'log',
      readyMaxLag: 1000,
      rateLimitPerSecond: 200,
      requestTimeoutMs: 30_000,
    });
    expect(config.dataDir).toMatch(/[/\\]data$/);
    expect(config).not.toHaveProperty('adminApiKey');
    expect(config.console).toEqual({ enabled: true, dir: resolve('dist/console') });
  });

  it('reads and converts the given values', () => {
    const config = loadConfig({
      PORT: ' 8080 ',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/orders',
      PROJECTOR_ENABLED: 'off',
      EMBEDDED_THREADS: 'off',
      LOG_LEVEL: 'debug',
      READY_MAX_LAG: '0',
      ADMIN_API_KEY: 'a'.repeat(16),
      CONSOLE_ENABLED: 'false',
      CONSOLE_DIR: '/srv/console',
    });

    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/orders',
      projectorEnabled: false,
      embeddedThreads: false,
      logLevel: 'debug',
      readyMaxLag: 0,
    });
    expect(config.adminApiKey).toBe('a'.repeat(16));
    expect(config.console).toEqual({ enabled: false, dir: '/srv/console' });
  });

  it('read pool: size 2, budget 2000 ms, one slot per key by default; each variable read and bounded', () => {
    expect(loadConfig({}).readPool).toEqual({ size: 2, budgetMs: 2000, slotsPerKey: 1 });
    const config = loadConfig({ READ_POOL_SIZE: '0', SEGMENT_QUERY_BUDGET_MS: '500', READ_POOL_SLOTS_PER_KEY: '3' });
    expect(config.readPool).toEqual({ size: 0, budgetMs: 500, slotsPerKey: 3 });
    expect(failure({ SEGMENT_QUERY_BUDGET_MS: '0' })).toMatchObject({ variable: 'SEGMENT_QUERY_BUDGET_MS' });
    expect(failure({ READ_POOL_SLOTS_PER_KEY: '0' })).toMatchObject({ variable: 'READ_POOL_SLOTS_PER_KEY' });
    expect(failure({ READ_POOL_SIZE: '-1' })).toMatchObject({ variable: 'READ_POOL_SIZE' });
  });

  it('automation targets: the local network is refused by default; AUTOMATION_ALLOWED_HOSTS is checked entry by entry', () => {
    expect(loadConfig({}).automations).toMatchObject({ allowLocalNetwork: false, allowedHosts: { names: new Set() }, retentionHours: 168 });
    const config = loadConfig({ AUTOMATION_ALLOW_LOCAL_NETWORK: 'true', AUTOMATION_ALLOWED_HOSTS: 'hooks.internal, 10.0.0.0/8' });
    expect(config.automations.allowLocalNetwork).toBe(true);
    expect(config.automations.allowedHosts.names).toEqual(new Set(['hooks.internal']));
    expect(config.automations.allowedHosts.networks.map((n) => n.text)).toEqual(['10.0.0.0/8']);
    expect(failure({ AUTOMATION_ALLOWED_HOSTS: 'ok.example,not a host' })).toMatchObject({ variable: 'AUTOMATION_ALLOWED_HOSTS' });
    expect(failure({ AUTOMATION_ALLOW_LOCAL_NETWORK: 'maybe' })).toMatchObject({ variable: 'AUTOMATION_ALLOW_LOCAL_NETWORK' });
  });

  it("accepts pino's level names for Nest's levels", () => {
    expect(loadConfig({ LOG_LEVEL: 'info' }).logLevel).toBe('log');
    expect(loadConfig({ LOG_LEVEL: 'trace' }).logLevel).toBe('verbose');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: ' ', ADMIN_API_KEY: '' })).toMatchObject({ port: 3000 });
  });

  it.each([
    ['PORT', 'abc', "PORT: must be an integer between 0 and 65535, got 'abc'"],
    ['PORT', '70000', "PORT: must be an integer between 0 and 65535, got '70000'"],
    ['PORT', '-1', 'PORT: must be an integer'],
    ['PORT', '3.5', 'PORT: must be an integer'],
    ['HOST', 'bad host', 'HOST: must be a host name or an IP address'],
    ['PROJECTOR_ENABLED', 'maybe', "PROJECTOR_ENABLED: must be true or false, got 'maybe'"],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: must be one of error, warn, log, info, debug, verbose, trace'],
    ['READY_MAX_LAG', 'lots', 'READY_MAX_LAG: must be an integer'],
    ['ADMIN_API_KEY', 'short', 'ADMIN_API_KEY: must be 16–256 visible ASCII characters'],
    ['RATE_LIMIT_PER_SECOND', '1e3', 'RATE_LIMIT_PER_SECOND: must be an integer'],
    ['REQUEST_TIMEOUT_MS', '5', 'REQUEST_TIMEOUT_MS: must be an integer between 100'],
  ])('rejects %s=%s with a message naming the variable', (variable, value, message) => {
    const error = failure({ [variable]: value });

    expect(error.variable).toBe(variable);
    expect(error.message).toContain(message);
  });

  it('names the first bad variable and lists the others', () => {
    const error = failure({ PORT: 'abc', LOG_LEVEL: 'loud' });

    expect(error.variable).toBe('PORT');
    expect(error.message).toMatch(/^PORT: .*; LOG_LEVEL: /);
  });
});
