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
 * A copy of `root` with each path set to its value (removed when undefined); each object along the paths
 * is copied once, whatever the number of paths through it. A path through something that is not an
 * object is left out.
 */
export function withPaths<T>(root: T, entries: Iterable<readonly [string, unknown]>): T {
  if (!isObject(root)) return root;
  const top: Json = { ...root };
  const copies = new Map<string, Json>([['', top]]);
  for (const [path, value] of entries) {
    const keys = path.split('.');
    let parent: Json | undefined = top;
    let prefix = '';
    for (const key of keys.slice(0, -1)) {
      prefix = prefix === '' ? key : `${prefix}.${key}`;
      let child = copies.get(prefix);
      if (!child) {
        const original: unknown = parent[key];
        if (!isObject(original)) {
          parent = undefined;
          break;
        }
        child = { ...original };
        parent[key] = child;
        copies.set(prefix, child);
      }
      parent = child;
    }
    const last = keys[keys.length - 1]!;
    if (!parent) continue;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return top as T;
}
