import type { FilterNode, HavingCondition, HavingMetric, Segment } from './segment-ast';
import {
  ARTICLE_ATTRIBUTE,
  ARTICLE_PREFIX,
  ATTRIBUTE_SPEC,
  type FieldSpec,
  HAVING_OPERATORS,
  LINE_FIELDS,
  type LineFieldName,
  OPERATORS_BY_KIND,
  ORDER_FIELDS,
  type OrderFieldName,
} from './segment-fields';
import type { FieldRef } from './segment-ast';
import { SEGMENT_LIMITS } from './segment-limits';
import { addError, type FieldErrors, hasOwn, isPlainObject, readPredicate } from './parse-values';

type Scope = 'order' | 'line';

interface Context {
  errors: FieldErrors;
  conditions: number;
  nodes: number;
  /** values of the in/nin lists read so far */
  listValues: number;
}

const BLOCK_KEYS = ['all', 'any', 'not', 'line'] as const;
const CONDITION_KEYS = ['field', 'op', 'value'];
const NUMBER_SPEC: FieldSpec = { kind: 'number', optional: false };

function resolveField(scope: Scope, name: string): { ref: FieldRef; spec: FieldSpec } | string {
  if (scope === 'order') {
    if (hasOwn(ORDER_FIELDS, name))
      return { ref: { scope: 'order', name: name as OrderFieldName }, spec: ORDER_FIELDS[name as OrderFieldName] };
    const lineField = hasOwn(LINE_FIELDS, name) || name.startsWith(ARTICLE_PREFIX);
    return `unknown order field '${name}'${lineField ? ' (line fields go inside a line block)' : ''}; allowed: ${Object.keys(ORDER_FIELDS).join(', ')}`;
  }
  if (hasOwn(LINE_FIELDS, name)) return { ref: { scope: 'line', name: name as LineFieldName }, spec: LINE_FIELDS[name as LineFieldName] };
  if (name.startsWith(ARTICLE_PREFIX)) {
    const attribute = name.slice(ARTICLE_PREFIX.length);
    if (ARTICLE_ATTRIBUTE.test(attribute)) return { ref: { scope: 'article', attribute }, spec: ATTRIBUTE_SPEC };
    return `article attribute names are 1-64 letters, digits or _, starting with a letter`;
  }
  return `unknown line field '${name}'; allowed: ${Object.keys(LINE_FIELDS).join(', ')}, article.<attribute>`;
}

function parseCondition(ctx: Context, path: string, node: Record<string, unknown>, scope: Scope): FilterNode | undefined {
  for (const key of Object.keys(node))
    if (!CONDITION_KEYS.includes(key)) addError(ctx.errors, `${path}.${key}`, 'is not allowed in a condition');
  if (++ctx.conditions === SEGMENT_LIMITS.maxConditions + 1)
    addError(ctx.errors, path, `a filter has at most ${SEGMENT_LIMITS.maxConditions} conditions`);
  const { field, op, value } = node;
  if (typeof field !== 'string')
    return void addError(ctx.errors, `${path}.field`, field === undefined ? 'is required' : 'must be a string');
  const resolved = resolveField(scope, field);
  if (typeof resolved === 'string') return void addError(ctx.errors, `${path}.field`, resolved);
  const allowed = OPERATORS_BY_KIND[resolved.spec.kind];
  if (typeof op !== 'string' || !allowed.includes(op)) {
    return void addError(ctx.errors, `${path}.op`, op === undefined ? 'is required' : `must be one of ${allowed.join(', ')} for ${field}`);
  }
  const predicate = readPredicate(ctx.errors, `${path}.value`, op, value, resolved.spec);
  if (predicate && 'values' in predicate) {
    const before = ctx.listValues;
    ctx.listValues += predicate.values.length;
    if (before <= SEGMENT_LIMITS.maxTotalListValues && ctx.listValues > SEGMENT_LIMITS.maxTotalListValues) {
      return void addError(
        ctx.errors,
        `${path}.value`,
        `the in/nin lists of a filter have at most ${SEGMENT_LIMITS.maxTotalListValues} values together`,
      );
    }
  }
  return predicate && { kind: 'condition', field: resolved.ref, fieldKind: resolved.spec.kind, predicate };
}

function parseList(ctx: Context, path: string, value: unknown, scope: Scope, depth: number): FilterNode[] | undefined {
  if (!Array.isArray(value)) return void addError(ctx.errors, path, 'must be an array of conditions');
  if (value.length === 0) return void addError(ctx.errors, path, 'must not be empty');
  const nodes = value.map((item, index) => parseNode(ctx, `${path}[${index}]`, item, scope, depth + 1));
  return nodes.every((node) => node !== undefined) ? (nodes as FilterNode[]) : undefined;
}

function parseNode(ctx: Context, path: string, value: unknown, scope: Scope, depth: number): FilterNode | undefined {
  if (!isPlainObject(value)) return void addError(ctx.errors, path, 'must be a condition object');
  if (depth > SEGMENT_LIMITS.maxDepth) return void addError(ctx.errors, path, `a filter nests at most ${SEGMENT_LIMITS.maxDepth} levels`);
  if (++ctx.nodes > SEGMENT_LIMITS.maxNodes) {
    if (ctx.nodes === SEGMENT_LIMITS.maxNodes + 1) addError(ctx.errors, path, `a filter has at most ${SEGMENT_LIMITS.maxNodes} nodes`);
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.some((key) => CONDITION_KEYS.includes(key))) return parseCondition(ctx, path, value, scope);
  const blocks = keys.filter((key) => (BLOCK_KEYS as readonly string[]).includes(key));
  for (const key of keys)
    if (!blocks.includes(key)) addError(ctx.errors, `${path}.${key}`, 'is not allowed (use field/op/value, all, any, not or line)');
  if (blocks.length !== 1) {
    return void addError(ctx.errors, path, 'must be a condition { field, op, value } or exactly one of all, any, not, line');
  }
  const key = blocks[0] as (typeof BLOCK_KEYS)[number];
  const child = value[key];
  switch (key) {
    case 'all':
    case 'any': {
      const nodes = parseList(ctx, `${path}.${key}`, child, scope, depth);
      return nodes && { kind: key, nodes };
    }
    case 'not': {
      const node = parseNode(ctx, `${path}.not`, child, scope, depth + 1);
      return node && { kind: 'not', node };
    }
    case 'line': {
      if (scope === 'line') return void addError(ctx.errors, `${path}.line`, 'line blocks cannot be nested');
      const node = parseNode(ctx, `${path}.line`, child, 'line', depth + 1);
      return node && { kind: 'line', node };
    }
  }
}

const HAVING_METRICS: readonly HavingMetric[] = ['orderCount', 'totalPrice'];

function parseHaving(errors: FieldErrors, path: string, value: unknown): HavingCondition[] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value)) return (addError(errors, path, 'must be an object { orderCount?, totalPrice? }'), []);
  const out: HavingCondition[] = [];
  for (const key of Object.keys(value)) {
    const metricPath = `${path}.${key}`;
    if (!(HAVING_METRICS as readonly string[]).includes(key)) {
      addError(errors, metricPath, 'is not allowed (use orderCount or totalPrice)');
      continue;
    }
    const entry = value[key];
    if (!isPlainObject(entry)) {
      addError(errors, metricPath, 'must be an object { op, value }');
      continue;
    }
    for (const inner of Object.keys(entry))
      if (inner !== 'op' && inner !== 'value') addError(errors, `${metricPath}.${inner}`, 'is not allowed');
    if (typeof entry.op !== 'string' || !HAVING_OPERATORS.includes(entry.op)) {
      addError(errors, `${metricPath}.op`, entry.op === undefined ? 'is required' : `must be one of ${HAVING_OPERATORS.join(', ')}`);
      continue;
    }
    const predicate = readPredicate(errors, `${metricPath}.value`, entry.op, entry.value, NUMBER_SPEC);
    if (predicate) out.push({ metric: key as HavingMetric, predicate });
  }
  return out;
}

export type ParseSegmentResult = { ok: true; segment: Segment } | { ok: false; errors: FieldErrors };

/**
 * Checks untrusted JSON against the segment grammar (SPEC §6) and returns the typed AST, or every
 * problem found keyed by JSON path (`filter.all[2].line.any[0].op`). Never throws on bad input.
 */
export function parseSegment(
  input: { filter: unknown; having?: unknown },
  paths = { filter: 'filter', having: 'having' },
): ParseSegmentResult {
  const errors: FieldErrors = {};
  const ctx: Context = { errors, conditions: 0, nodes: 0, listValues: 0 };
  const filter =
    input.filter === undefined
      ? void addError(errors, paths.filter, 'is required')
      : parseNode(ctx, paths.filter, input.filter, 'order', 1);
  const having = parseHaving(errors, paths.having, input.having);
  if (!filter && Object.keys(errors).length === 0) addError(errors, paths.filter, 'is not a valid filter');
  if (Object.keys(errors).length > 0 || !filter) return { ok: false, errors };
  return { ok: true, segment: { filter, having } };
}
