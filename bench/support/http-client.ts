import { Agent, request } from 'node:http';
import { BENCH_API_KEY } from './load';

export interface HttpAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

/** A minimal keep-alive HTTP/1.1 client (no redirects followed) for probes that need exact timings. */
export function httpClient(baseUrl: string, sockets = 1) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const base = new URL(baseUrl);
  const call = (method: string, path: string, body?: string): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { apikey: BENCH_API_KEY };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = request({ agent, host: base.hostname, port: base.port, method, path, headers, timeout: 10_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  return { call, close: () => agent.destroy() };
}
