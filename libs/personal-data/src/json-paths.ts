/** Dotted paths into plain JSON objects (`order.billingAddress.email`): read, and write without mutating. */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The keys of a path, split once: the codec's paths come from a small vocabulary (an order's personal
 * fields, a contact entry's fields), and splitting them afresh for every event was part of the 7 % of the
 * request thread that sealing cost under registration load. Bounded, so that odd paths read from a
 * tampered store cannot grow it: past the bound a path is split each time.
 */
const splitPaths = new Map<string, readonly string[]>();
const MAX_SPLIT_PATHS = 1024;

function keysOf(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path.split('.');
    if (splitPaths.size < MAX_SPLIT_PATHS) splitPaths.set(path, keys);
  }
  return keys;
}

export function getPath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of keysOf(path)) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** The edits below one object: a key's new value (`set`; undefined removes it), or edits inside it. */
interface Edits {
  set: boolean;
  value?: unknown;
  inner?: Map<string, Edits>;
}

/**
 * A copy of `root` with each path set to its value (removed when undefined); each object along the paths
 * is copied once, whatever the number of paths through it, and the rest is shared. A path through
 * something that is not an object is left out. A path that is both set and gone through (`a` and `a.b`)
 * is set.
 *
 * Each copy is built key by key, never by deleting from a spread: `delete` turns an object into a
 * dictionary, which is slower to read and to serialise.
 */
export function withPaths<T>(root: T, entries: Iterable<readonly [string, unknown]>): T {
  if (!isObject(root)) return root;
  const edits: Edits = { set: false };
  for (const [path, value] of entries) {
    let node = edits;
    for (const key of keysOf(path)) {
      const inner = (node.inner ??= new Map());
      let next = inner.get(key);
      if (next === undefined) inner.set(key, (next = { set: false }));
      node = next;
    }
    node.set = true;
    node.value = value;
  }
  return (edits.inner ? edited(root, edits.inner) : { ...root }) as T;
}

function edited(object: Json, edits: Map<string, Edits>): Json {
  const copy: Json = {};
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const edit = edits.get(key);
    const value = object[key];
    if (edit === undefined) put(copy, key, value);
    else if (edit.set) put(copy, key, edit.value);
    else put(copy, key, edit.inner && isObject(value) ? edited(value, edit.inner) : value);
  }
  for (const [key, edit] of edits) {
    if (edit.set && !Object.hasOwn(object, key)) put(copy, key, edit.value);
  }
  return copy;
}

/** Sets an own data property (also for a key named `__proto__`, which an assignment would take as the prototype); undefined sets nothing. */
function put(object: Json, key: string, value: unknown): void {
  if (value === undefined) return;
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
