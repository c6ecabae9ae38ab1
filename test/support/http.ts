export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** The admin key startService seeds (ADMIN_API_KEY) and client() sends by default. */
export const TEST_ADMIN_API_KEY = 'test-admin-key-0123456789abcdef';

export interface ClientOptions {
  /** sent in `apikey` on every call; null sends none. Default: TEST_ADMIN_API_KEY */
  apiKey?: string | null;
}

const sendsOwnKey = (headers: Record<string, string>): boolean =>
  Object.keys(headers).some((name) => ['apikey', 'x-api-key'].includes(name.toLowerCase()));

/**
 * A small JSON client over fetch: never follows redirects, so 302s are visible. Sends the test admin
 * key in `apikey` unless told otherwise (options.apiKey) or a call passes its own apikey/x-api-key.
 */
export function client(baseUrl: string, options: ClientOptions = {}) {
  const apiKey = options.apiKey === undefined ? TEST_ADMIN_API_KEY : options.apiKey;
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const keyHeader: Record<string, string> = apiKey !== null && !sendsOwnKey(headers) ? { apikey: apiKey } : {};
    const init: RequestInit = { method, redirect: 'manual', headers: { ...keyHeader, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    call,
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    put: <T = any>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
    /** polls a job until it leaves Pending; returns the final answer */
    async waitForJob(location: string, timeoutMs = 5_000): Promise<JsonResponse & { elapsedMs: number }> {
      const started = Date.now();
      for (;;) {
        const answer = await call('GET', location);
        if (answer.status !== 200 || answer.body?.status !== 'Pending') return { ...answer, elapsedMs: Date.now() - started };
        if (Date.now() - started > timeoutMs) throw new Error(`job ${location} still pending after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

export type Client = ReturnType<typeof client>;
