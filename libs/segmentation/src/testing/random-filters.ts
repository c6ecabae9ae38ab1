import { ORDER_STATUSES, ORDER_TYPES, PAYMENT_METHODS, RETURN_TYPES } from '@orders/domain';
import { parseSegment } from '../parse-segment';
import type { Segment } from '../segment-ast';
import { LINE_FIELDS, OPERATORS_BY_KIND, ORDER_FIELDS, type FieldKind } from '../segment-fields';
import { POOLS } from './random-orders';
import type { SeededRandom } from './seeded-random';

type Json = Record<string, unknown>;

const DAY = 86_400_000;

/** Text pools per field, for values that hit the generated data. */
const TEXT_POOLS: Record<string, readonly string[]> = {
  orderId: ['o-1', 'o-2', 'o-17', 'o-40', 'nope'],
  contactId: POOLS.contacts,
  externalStatus: POOLS.externalStatuses,
  currencyCode: POOLS.currencies,
  channel: POOLS.channels,
  externalStoreId: POOLS.stores,
  deliveryMethod: POOLS.deliveryMethods,
  sku: POOLS.skus,
};

const ENUM_POOLS: Record<string, readonly string[]> = {
  status: ORDER_STATUSES,
  type: ORDER_TYPES,
  paymentMethod: PAYMENT_METHODS,
  returnType: RETURN_TYPES,
};

function enumValue(random: SeededRandom, field: string): string {
  const value = random.pick(ENUM_POOLS[field === 'lineType' ? 'type' : field]!);
  // accepted case-insensitively and with spaces: "in progress", "COMPLETED"
  return random.chance(0.3) ? random.recase(value.replace(/([a-z])([A-Z])/g, '$1 $2')) : value;
}

function textFragment(random: SeededRandom, value: string, prefix: boolean): string {
  const start = prefix ? 0 : random.int(0, Math.max(0, value.length - 2));
  const end = random.int(start + 1, value.length);
  return random.recase(value.slice(start, end));
}

function dateValue(random: SeededRandom, now: number): string {
  const ms = now - random.int(-2, 380) * DAY;
  return new Date(ms).toISOString().replace('Z', random.pick(['Z', '+00:00']));
}

function scalar(random: SeededRandom, kind: FieldKind, field: string, op: string, now: number): unknown {
  switch (kind) {
    case 'text': {
      const value = random.pick(TEXT_POOLS[field] ?? ['x']);
      if (op === 'contains' || op === 'startsWith') return textFragment(random, value, op === 'startsWith');
      return field === 'currencyCode' && random.chance(0.3) ? value.toLowerCase() : value;
    }
    case 'enum':
    case 'enumSet':
      return enumValue(random, field);
    case 'number':
      return field === 'quantity' ? random.int(0, 6) : random.quarters(field === 'totalPrice' ? 600 : 300);
    case 'date':
      return dateValue(random, now);
    case 'attribute': {
      if (op === 'contains' || op === 'startsWith')
        return textFragment(random, random.pick([...POOLS.brands, ...POOLS.categories]), op === 'startsWith');
      if (['gt', 'gte', 'lt', 'lte', 'between'].includes(op)) return random.int(26, 46);
      const roll = random.next();
      if (roll < 0.5) return random.pick([...POOLS.brands, ...POOLS.categories]);
      if (roll < 0.8) return random.int(28, 44);
      if (roll < 0.9) return String(random.int(28, 44));
      return random.chance(0.5);
    }
  }
}

function value(random: SeededRandom, kind: FieldKind, field: string, op: string, now: number): unknown {
  switch (op) {
    case 'exists':
      return random.chance(0.5);
    case 'in':
    case 'nin':
      return Array.from({ length: random.int(1, 4) }, () => scalar(random, kind, field, op, now));
    case 'between': {
      const a = scalar(random, kind, field, op, now);
      const b = scalar(random, kind, field, op, now);
      const order = kind === 'date' ? Date.parse(a as string) <= Date.parse(b as string) : (a as number) <= (b as number);
      return order ? [a, b] : [b, a];
    }
    case 'within':
      return random.pick(['P30D', 'P6M', 'P1Y', 'PT12H', 'P2W', 'P1Y2M3DT4H']);
    default:
      return scalar(random, kind, field, op, now);
  }
}

function condition(random: SeededRandom, scope: 'order' | 'line', now: number): Json {
  let field: string;
  let kind: FieldKind;
  if (scope === 'order') {
    field = random.pick(Object.keys(ORDER_FIELDS));
    kind = ORDER_FIELDS[field as keyof typeof ORDER_FIELDS].kind;
  } else if (random.chance(0.35)) {
    field = `article.${random.pick(POOLS.attributes)}`;
    kind = 'attribute';
  } else {
    field = random.pick(Object.keys(LINE_FIELDS));
    kind = LINE_FIELDS[field as keyof typeof LINE_FIELDS].kind;
  }
  const op = random.pick(OPERATORS_BY_KIND[kind]);
  const enumField = scope === 'line' && field === 'type' ? 'lineType' : field;
  return { field, op, value: value(random, kind, enumField, op, now) };
}

function node(random: SeededRandom, scope: 'order' | 'line', depth: number, now: number): Json {
  const roll = random.next();
  if (depth >= 3 || roll < 0.4) return condition(random, scope, now);
  if (roll < 0.55) return { all: Array.from({ length: random.int(1, 3) }, () => node(random, scope, depth + 1, now)) };
  if (roll < 0.7) return { any: Array.from({ length: random.int(1, 3) }, () => node(random, scope, depth + 1, now)) };
  if (roll < 0.8) return { not: node(random, scope, depth + 1, now) };
  return scope === 'order' ? { line: node(random, 'line', depth + 1, now) } : condition(random, scope, now);
}

/** A random valid segment query body: `{ filter, having?, offset, count }`. */
export function randomSegmentQuery(random: SeededRandom, now: number): { filter: Json; having?: Json; offset: number; count: number } {
  const query: { filter: Json; having?: Json; offset: number; count: number } = {
    filter: node(random, 'order', 1, now),
    offset: random.pick([0, 0, 1, 3]),
    count: random.int(1, 10),
  };
  if (random.chance(0.3)) {
    const having: Json = {};
    if (random.chance(0.7))
      having.orderCount = random.pick([
        { op: 'gte', value: 2 },
        { op: 'eq', value: 1 },
        { op: 'between', value: [2, 4] },
        { op: 'in', value: [1, 3] },
      ]);
    if (random.chance(0.5)) having.totalPrice = { op: random.pick(['gt', 'lte', 'ne']), value: random.quarters(1500) };
    query.having = having;
  }
  return query;
}

export interface RandomSegmentCase {
  segment: Segment;
  page: { offset: number; count: number; now: number };
  /** seed, index and body, for a failure message that reproduces the case */
  context: string;
}

/** `count` random segment queries, parsed (a generated body the parser rejects is a generator bug and throws). */
export function* randomSegmentCases(random: SeededRandom, seed: number, count: number, now: number): Generator<RandomSegmentCase> {
  for (let index = 0; index < count; index++) {
    const body = randomSegmentQuery(random, now);
    const parsed = parseSegment(body);
    const context = `seed ${seed}, filter #${index}: ${JSON.stringify(body)}`;
    if (!parsed.ok) throw new Error(`generated filter rejected (${JSON.stringify(parsed.errors)}) — ${context}`);
    yield { segment: parsed.segment, page: { offset: body.offset, count: body.count, now }, context };
  }
}
