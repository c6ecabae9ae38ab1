/** Dotted paths into plain JSON objects (`order.billingAddress.email`): read, and write without mutating. */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function getPath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * A copy of `root` with `path` set to `value` (removed when undefined); only the objects along the path
 * are copied. A path through something that is not an object is left as it is.
 */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  if (!isObject(root) || key === undefined) return root;
  const copy: Json = { ...root };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  } else if (isObject(copy[key])) {
    copy[key] = setPath(copy[key], rest.join('.'), value);
  }
  return copy as T;
}
