import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EventStoreDbEventStore, UnsupportedServerVersionError } from '@orders/event-store/eventstoredb';
import { openBackend } from './backend';
import { loadBackendConfig, redact } from './backend-config';
import { BackendUnavailableError } from './backend.port';
import { ConfigError } from './config-error';

const silent = () => undefined;

describe('backend selection', () => {
  it('no URL: embedded; both: distributed', () => {
    expect(loadBackendConfig({})).toEqual({ kind: 'embedded' });
    expect(loadBackendConfig({ EVENTSTORE_URL: ' ', MONGODB_URL: '' })).toEqual({ kind: 'embedded' });
    expect(loadBackendConfig({ EVENTSTORE_URL: 'esdb://es:2113?tls=false', MONGODB_URL: 'mongodb://mongo:27017/orders' })).toEqual({
      kind: 'distributed',
      eventStoreUrl: 'esdb://es:2113?tls=false',
      mongoUrl: 'mongodb://mongo:27017/orders',
    });
  });

  it('one URL without the other is a config error naming the missing variable', () => {
    expect(() => loadBackendConfig({ MONGODB_URL: 'mongodb://m/orders' })).toThrow(ConfigError);
    expect(() => loadBackendConfig({ MONGODB_URL: 'mongodb://m/orders' })).toThrow(/^EVENTSTORE_URL: is not set/);
    expect(() => loadBackendConfig({ EVENTSTORE_URL: 'esdb://es:2113' })).toThrow(/^MONGODB_URL: is not set/);
  });

  it('a URL of the wrong kind names its variable (and hides a password)', () => {
    expect(() => loadBackendConfig({ EVENTSTORE_URL: 'http://es:2113', MONGODB_URL: 'mongodb://m/orders' })).toThrow(
      /^EVENTSTORE_URL: must be an EventStoreDB/,
    );
    expect(() => loadBackendConfig({ EVENTSTORE_URL: 'esdb://es', MONGODB_URL: 'postgres://u:secret@m/orders' })).toThrow(
      /^MONGODB_URL: .*u:\*\*\*@m/,
    );
    expect(redact('mongodb://user:secret@host:27017/db')).toBe('mongodb://user:***@host:27017/db');
  });
});

describe('distributed backend without servers', () => {
  it('fails verify() within the bound with a message naming EVENTSTORE_URL; checkConnectivity() reports both down without throwing', async () => {
    const backend = openBackend(
      {
        dataDir: '/nonexistent',
        backend: { kind: 'distributed', eventStoreUrl: 'esdb://127.0.0.1:1?tls=false', mongoUrl: 'mongodb://127.0.0.1:2/orders' },
      },
      silent,
      300,
    );
    const error = await backend.verify().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).variable).toBe('EVENTSTORE_URL');
    expect((error as Error).message).toMatch(
      /^EVENTSTORE_URL: EventStoreDB did not answer at esdb:\/\/127\.0\.0\.1:1\?tls=false within 300 ms/,
    );
    const connectivity = await backend.checkConnectivity(300);
    expect(connectivity.eventStore.ok).toBe(false);
    expect(connectivity.readStore.ok).toBe(false);
    await backend.close();
  });

  it('verify() on an EventStoreDB server below the minimum version is a configuration error naming the version (exit 2, not 1)', async () => {
    const spy = vi
      .spyOn(EventStoreDbEventStore.prototype, 'checkConnectivity')
      .mockRejectedValue(new UnsupportedServerVersionError('22.10.3.0'));
    const backend = openBackend(
      {
        dataDir: '/nonexistent',
        backend: { kind: 'distributed', eventStoreUrl: 'esdb://127.0.0.1:1?tls=false', mongoUrl: 'mongodb://127.0.0.1:2/orders' },
      },
      silent,
      300,
    );
    try {
      const error = await backend.verify().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).not.toBeInstanceOf(BackendUnavailableError);
      expect((error as ConfigError).variable).toBe('EVENTSTORE_URL');
      expect((error as Error).message).toMatch(
        /^EVENTSTORE_URL: EventStoreDB server version 22\.10\.3\.0 is not supported; 23\.10\.0 or later/,
      );
    } finally {
      spy.mockRestore();
      await backend.close();
    }
  });

  it('a malformed connection string fails at open, naming the variable', () => {
    expect(() =>
      openBackend({ dataDir: '/x', backend: { kind: 'distributed', eventStoreUrl: 'esdb://', mongoUrl: 'mongodb://m/orders' } }, silent),
    ).toThrow(/^EVENTSTORE_URL: cannot use/);
  });
});

describe('embedded backend', () => {
  it('a DATA_DIR that cannot be created or written is a config error naming DATA_DIR and the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend-'));
    try {
      const file = join(dir, 'a-file');
      writeFileSync(file, 'not a directory');
      const error = (() => {
        try {
          void openBackend({ dataDir: join(file, 'data') }, silent).eventStore; // stores open on first use
        } catch (thrown) {
          return thrown;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('DATA_DIR');
      expect((error as Error).message).toContain(`DATA_DIR: cannot use '${join(file, 'data')}'`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers connectivity, runs exclusive work at once and stops it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend-'));
    try {
      const backend = openBackend({ dataDir: dir }, silent);
      await backend.verify();
      expect(await backend.checkConnectivity()).toEqual({ eventStore: { ok: true }, readStore: { ok: true } });
      const calls: string[] = [];
      await backend.runExclusive('projector', { start: async () => void calls.push('start'), stop: async () => void calls.push('stop') });
      expect(calls).toEqual(['start']);
      await backend.close();
      expect(calls).toEqual(['start', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
