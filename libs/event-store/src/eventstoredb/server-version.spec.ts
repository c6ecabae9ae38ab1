import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { MIN_SERVER_VERSION, UnsupportedServerVersionError, assertSupportedServerVersion, parseServerVersion } from './server-version';

describe('EventStoreDB server version', () => {
  it('the minimum is 23.10.0 (the first release without the extra live checkpoint that could skip an event)', () => {
    expect(MIN_SERVER_VERSION).toBe('23.10.0');
  });

  it('parses the forms the servers report', () => {
    expect(parseServerVersion('23.10.1.0')).toEqual([23, 10, 1]);
    expect(parseServerVersion('24.10.0-rc1')).toEqual([24, 10, 0]);
    expect(parseServerVersion('v25.0')).toEqual([25, 0, 0]);
    expect(parseServerVersion('unknown')).toBeUndefined();
  });

  it('accepts 23.10 and later (KurrentDB included), refuses older and unknown versions naming them', () => {
    for (const ok of ['23.10.0.0', '23.10.7', '24.2.0.0', '24.10.5', '25.0.1.0'])
      expect(() => assertSupportedServerVersion(ok)).not.toThrow();
    for (const old of ['22.10.3.0', '22.6.0', '21.10.11.0', '23.6.0', '20.10.5']) {
      expect(() => assertSupportedServerVersion(old)).toThrow(UnsupportedServerVersionError);
      expect(() => assertSupportedServerVersion(old)).toThrow(
        `EventStoreDB server version ${old} is not supported; 23.10.0 or later is required`,
      );
    }
    expect(() => assertSupportedServerVersion('unknown')).toThrow(/did not report its version .*23\.10\.0 or later is required/);
  });
});

/** the client at the adapter boundary: a read of `$all` that answers, and the version its ServerFeatures report */
function storeOnServer(serverVersion: string | undefined) {
  const store = EventStoreDbEventStore.fromConnectionString('esdb://127.0.0.1:1?tls=false');
  const client = (store as unknown as { client: object }).client;
  Object.defineProperty(client, 'readAll', {
    value: () => {
      const read = Object.assign(new PassThrough({ objectMode: true }), { cancel: async () => undefined });
      read.end();
      return read;
    },
  });
  Object.defineProperty(client, 'capabilities', { get: async () => ({ serverVersion }) });
  return store;
}

describe('EventStoreDbEventStore.checkConnectivity refuses an unsupported server', () => {
  it('rejects a 22.10 server, naming the version found and the minimum', async () => {
    const store = storeOnServer('22.10.3.0');
    const error = await store.checkConnectivity(1000).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnsupportedServerVersionError);
    expect((error as UnsupportedServerVersionError).found).toBe('22.10.3.0');
    expect((error as Error).message).toMatch(/22\.10\.3\.0 .*23\.10\.0 or later/);
    await store.close();
  });

  it('accepts a 23.10 server', async () => {
    const store = storeOnServer('23.10.1.0');
    await expect(store.checkConnectivity(1000)).resolves.toBeUndefined();
    expect(await store.serverVersion()).toBe('23.10.1.0');
    await store.close();
  });
});
