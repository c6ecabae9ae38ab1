/**
 * The segment builder's model and its translation to and from the filter grammar (docs/api.md
 * "Segments"). The fields, their kinds and operators come from the grammar's own table
 * (libs/segmentation/src/segment-fields.ts), so the form offers exactly what the service accepts.
 * Values are typed from the field kind; anything the form cannot judge is sent as typed and the
 * service's 400 names the failing path.
 */
import {
  ARTICLE_PREFIX,
  ATTRIBUTE_SPEC,
  type FieldKind,
  type FieldSpec,
  HAVING_OPERATORS,
  LINE_FIELDS,
  OPERATORS_BY_KIND,
  ORDER_FIELDS,
} from '@orders/segmentation/segment-fields';

export type Scope = 'order' | 'line';

export interface Condition {
  id: number;
  kind: 'condition';
  /** a field of ORDER_FIELDS / LINE_FIELDS, or `article.` (then `attribute` names it) */
  field: string;
  attribute: string;
  op: string;
  value: string;
  /** the upper bound of `between` */
  value2: string;
  negate: boolean;
}

export interface Group {
  id: number;
  kind: 'group';
  mode: 'all' | 'any';
  negate: boolean;
  /** a line block: at least one line of the order satisfies the group (line fields only) */
  line: boolean;
  children: Node[];
}

export type Node = Condition | Group;

export interface HavingRow {
  op: string;
  value: string;
  value2: string;
}

export interface SegmentModel {
  root: Group;
  having: { orderCount: HavingRow; totalPrice: HavingRow };
}

export const HAVING_OPS = HAVING_OPERATORS;
let nextId = 1;
const id = () => nextId++;

export const newCondition = (scope: Scope): Condition => ({
  id: id(),
  kind: 'condition',
  field: scope === 'order' ? 'status' : 'sku',
  attribute: '',
  op: 'eq',
  value: scope === 'order' ? 'Completed' : '',
  value2: '',
  negate: false,
});
export const newGroup = (line: boolean, children: Node[] = []): Group => ({
  id: id(),
  kind: 'group',
  mode: 'all',
  negate: false,
  line,
  children,
});
const emptyHaving = (): HavingRow => ({ op: '', value: '', value2: '' });
export const newModel = (): SegmentModel => ({
  root: newGroup(false, [newCondition('order')]),
  having: { orderCount: emptyHaving(), totalPrice: emptyHaving() },
});

export const fieldsOf = (scope: Scope): string[] =>
  scope === 'order' ? Object.keys(ORDER_FIELDS) : [...Object.keys(LINE_FIELDS), ARTICLE_PREFIX];

export function specOf(scope: Scope, field: string): FieldSpec {
  const table: Record<string, FieldSpec> = scope === 'order' ? ORDER_FIELDS : LINE_FIELDS;
  return table[field] ?? ATTRIBUTE_SPEC;
}

export const operatorsOf = (scope: Scope, field: string): readonly string[] => OPERATORS_BY_KIND[specOf(scope, field).kind];

function scalar(kind: FieldKind, text: string): string | number | boolean {
  const trimmed = text.trim();
  const numeric = trimmed !== '' && Number.isFinite(Number(trimmed));
  if (kind === 'number') return numeric ? Number(trimmed) : text;
  if (kind === 'attribute') {
    if (numeric) return Number(trimmed);
    if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  }
  return text;
}

/** The `value` of a condition or having row, typed by the field kind and the operator. */
export function valueOf(kind: FieldKind, op: string, value: string, value2: string): unknown {
  if (op === 'exists') return value !== 'false';
  if (op === 'in' || op === 'nin') return value.split(',').map((item) => scalar(kind, item.trim()));
  if (op === 'between') return [scalar(kind, value), scalar(kind, value2)];
  if (op === 'within' || op === 'contains' || op === 'startsWith') return value;
  return scalar(kind, value);
}

const negated = (negate: boolean, json: Record<string, unknown>) => (negate ? { not: json } : json);

function conditionJson(scope: Scope, condition: Condition): Record<string, unknown> {
  const field = condition.field === ARTICLE_PREFIX ? `${ARTICLE_PREFIX}${condition.attribute}` : condition.field;
  const value = valueOf(specOf(scope, condition.field).kind, condition.op, condition.value, condition.value2);
  return negated(condition.negate, { field, op: condition.op, value });
}

function nodeJson(scope: Scope, node: Node): Record<string, unknown> {
  if (node.kind === 'condition') return conditionJson(scope, node);
  const inner = node.line ? 'line' : scope;
  const children = node.children.map((child) => nodeJson(inner, child));
  // a group of one is that one (an `all` of one condition says nothing more)
  const body = children.length === 1 ? children[0]! : { [node.mode]: children };
  return negated(node.negate, node.line ? { line: body } : body);
}

/** The filter JSON of the model; undefined while the root has no condition (the grammar needs one). */
export function toFilter(model: SegmentModel): Record<string, unknown> | undefined {
  if (model.root.children.length === 0) return undefined;
  return nodeJson('order', model.root);
}

export function toHaving(model: SegmentModel): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const metric of ['orderCount', 'totalPrice'] as const) {
    const row = model.having[metric];
    if (row.op) out[metric] = { op: row.op, value: valueOf('number', row.op, row.value, row.value2) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

// — back from JSON (a saved segment reopened) —

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(', ') : String(value));

function conditionFrom(json: Record<string, unknown>, negate: boolean): Condition {
  const field = String(json.field);
  const article = field.startsWith(ARTICLE_PREFIX);
  const op = String(json.op);
  const between = op === 'between' && Array.isArray(json.value);
  return {
    id: id(),
    kind: 'condition',
    field: article ? ARTICLE_PREFIX : field,
    attribute: article ? field.slice(ARTICLE_PREFIX.length) : '',
    op,
    value: between ? text((json.value as unknown[])[0]) : text(json.value),
    value2: between ? text((json.value as unknown[])[1]) : '',
    negate,
  };
}

function nodeFrom(json: unknown, negate = false): Node {
  if (!isObject(json)) throw new Error('a condition must be an object');
  if ('not' in json) return nodeFrom(json.not, !negate);
  if (Array.isArray(json.all) || Array.isArray(json.any)) {
    const mode = Array.isArray(json.all) ? 'all' : 'any';
    return {
      ...newGroup(
        false,
        (json[mode] as unknown[]).map((child) => nodeFrom(child)),
      ),
      mode,
      negate,
    };
  }
  if ('line' in json) {
    const inner = nodeFrom(json.line);
    return inner.kind === 'group' && !inner.negate ? { ...inner, line: true, negate } : { ...newGroup(true, [inner]), negate };
  }
  if ('field' in json && 'op' in json) return conditionFrom(json, negate);
  throw new Error(`not a condition: ${JSON.stringify(json).slice(0, 80)}`);
}

function havingFrom(json: unknown): HavingRow {
  if (!isObject(json)) return emptyHaving();
  const between = json.op === 'between' && Array.isArray(json.value);
  return {
    op: String(json.op),
    value: between ? text((json.value as unknown[])[0]) : text(json.value),
    value2: between ? text((json.value as unknown[])[1]) : '',
  };
}

/** The model of a saved segment's filter and having; throws on JSON outside the grammar. */
export function fromSegment(filter: unknown, having?: unknown): SegmentModel {
  const node = nodeFrom(filter);
  const root = node.kind === 'group' && !node.line && !node.negate ? node : newGroup(false, [node]);
  const rows = isObject(having) ? having : {};
  return { root, having: { orderCount: havingFrom(rows.orderCount), totalPrice: havingFrom(rows.totalPrice) } };
}
