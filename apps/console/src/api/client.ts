/**
 * Every call of the console goes through here: the key from sessionStorage in the `apikey` header (never
 * in a URL), JSON in and out, and any non-2xx answer thrown as an ApiProblem carrying the problem+json
 * `code`, `detail` and `errors` so the page can show them.
 */
const KEY_ITEM = 'orders-console.apikey';
export const API_BASE = '/api/v3';

export const storedKey = (): string | null => sessionStorage.getItem(KEY_ITEM);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY_ITEM, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_ITEM);

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Record<string, string[]>;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  get code(): string {
    return this.problem.code ?? `HTTP_${this.status}`;
  }
}

export interface Answer<T> {
  body: T;
  headers: Headers;
  status: number;
}

/** One call; `path` is under /api/v3 (or a full `/api/v3/…` href from a page link). */
export async function call<T>(method: string, path: string, body?: unknown, key = storedKey()): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (key) headers.apikey = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    const url = path.startsWith(API_BASE) ? path : `${API_BASE}${path}`;
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiProblem(0, { code: 'NETWORK_ERROR', detail: `The service did not answer: ${String(error)}` });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { detail: text.slice(0, 500) };
  }
  if (!response.ok) throw new ApiProblem(response.status, (parsed ?? {}) as ProblemBody);
  return { body: parsed as T, headers: response.headers, status: response.status };
}

export const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).body;

/** A query string of the defined, non-empty parameters. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
