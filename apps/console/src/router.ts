import { useEffect, useState } from 'preact/hooks';

/** Hash routing: `#/order/A-1?versionTag=0-…` → { path: ['order', 'A-1'], params }. */
export interface Route {
  path: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = text.split('?', 2);
  const path = pathPart
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  return { path, params: new URLSearchParams(queryPart) };
}

/** A hash link; every path segment is encoded (order ids may hold `/` or `?`). */
export function href(path: string[], params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, value);
  const text = search.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

export const navigate = (path: string[], params?: Record<string, string | undefined>): void => {
  location.hash = href(path, params);
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
