import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientTimeoutOptions, overdueCheckIntervalMs } from './client-timeouts';

describe('clientTimeoutOptions', () => {
  it.each([100, 1000, 30_000, 3_600_000])(
    'REQUEST_TIMEOUT_MS=%i bounds the request, its headers and an idle keep-alive socket by it',
    (timeout) => {
      const options = clientTimeoutOptions(timeout);
      expect(options).toMatchObject({ requestTimeout: timeout, keepAliveTimeout: timeout });
      // equal: a headersTimeout above requestTimeout makes Node swap them (a body would get 60 s)
      expect(options.http).toMatchObject({ requestTimeout: timeout, headersTimeout: timeout });
      // a late request is found within a tenth of the timeout (1 s at most), and always before the idle socket is cut
      const interval = options.http.connectionsCheckingInterval!;
      expect(interval).toBeLessThanOrEqual(Math.min(1000, timeout / 10));
      expect(options.connectionTimeout).toBeGreaterThan(timeout + interval);
    },
  );

  it('is accepted by Node as it is', () => {
    const server = createServer(clientTimeoutOptions(100).http);
    expect([server.requestTimeout, server.headersTimeout]).toEqual([100, 100]);
    server.close();
  });

  it('checks at least every 10 ms and at most every second', () => {
    expect([overdueCheckIntervalMs(1), overdueCheckIntervalMs(5000), overdueCheckIntervalMs(1_000_000)]).toEqual([10, 500, 1000]);
  });
});
