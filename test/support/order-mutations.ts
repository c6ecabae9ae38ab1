import type { Random } from './fuzz-inputs';

/*
 * Mutations of a valid order for the fuzz suites: the same corpus goes over HTTP
 * (hostile-input.e2e.spec.ts) and through the old and the new validation path (validation-differential.spec.ts).
 */

export const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0.0001,
  1e308,
  'NaN',
  'Infinity',
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  '🙂'.repeat(30),
  '\ud800',
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: null },
  'constructor',
  '1e309',
  '2026-02-30T00:00:00Z',
  '2026-01-01',
];

/** Every JSON path (as key arrays) of an object, to aim mutations at. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(child, path, out);
    }
  }
  return out;
}

export function mutate(order: Record<string, unknown>, random: Random): { body: unknown; orderId: string | null } {
  const copy = structuredClone(order) as Record<string, unknown>;
  const all = paths(copy);
  const mutations = 1 + Math.floor(random() * 3);
  for (let m = 0; m < mutations; m++) {
    const path = all[Math.floor(random() * all.length)]!;
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1]!;
    const choice = random();
    if (choice < 0.15) delete parent[last];
    else if (choice < 0.25)
      parent[['__proto__', 'constructor', 'prototype', '$where', 'unknownField'][Math.floor(random() * 5)]!] = { x: 1 };
    // a copy: the objects and arrays of HOSTILE_VALUES are shared by every input, and a later mutation
    // aimed into one of them would change it for all inputs (and could make a body circular)
    else parent[last] = structuredClone(HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)]);
  }
  return { body: copy, orderId: typeof copy.orderId === 'string' && copy.orderId === order.orderId ? copy.orderId : null };
}

/** Bodies that are not an order at all (sent as raw JSON text). */
export const RAW_BODIES = [
  '{',
  '[]',
  'null',
  '"order"',
  '123',
  '{"orderId": 1}',
  '{"a":' + '{"a":'.repeat(100) + '1' + '}'.repeat(101),
  '\u0000',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
];
