import { ARTICLE_PREFIX } from '@orders/segmentation/segment-fields';
import {
  type Condition,
  fieldsOf,
  type Group,
  HAVING_OPS,
  type HavingRow,
  newCondition,
  newGroup,
  type Node,
  operatorsOf,
  type Scope,
  specOf,
} from './model';

/**
 * The form over the grammar: groups (all/any, negated or not), conditions (field, operator, value typed
 * by the field), line blocks and the per-contact `having`. Every control is labelled; ids are unique per node.
 */
type Change<T> = (next: T) => void;

const FIELD_LABEL: Record<string, string> = { [ARTICLE_PREFIX]: 'article attribute…' };

export function GroupEditor({
  group,
  scope,
  onChange,
  onRemove,
  depth = 0,
}: {
  group: Group;
  scope: Scope;
  onChange: Change<Group>;
  onRemove?: () => void;
  depth?: number;
}) {
  const inner: Scope = group.line ? 'line' : scope;
  const setChild = (index: number, child: Node) =>
    onChange({ ...group, children: group.children.map((c, i) => (i === index ? child : c)) });
  const removeChild = (index: number) => onChange({ ...group, children: group.children.filter((_, i) => i !== index) });
  const add = (child: Node) => onChange({ ...group, children: [...group.children, child] });
  const legend = group.line ? 'Some line of the order matches' : depth === 0 ? 'Orders that match' : 'Group';
  return (
    <fieldset class={`seg-group depth-${depth}${group.line ? ' line-block' : ''}`}>
      <legend>{legend}</legend>
      <div class="seg-row">
        <label>
          <span class="sr-only">Combine the conditions of this group</span>
          <select value={group.mode} onChange={(e) => onChange({ ...group, mode: e.currentTarget.value as Group['mode'] })}>
            <option value="all">all of</option>
            <option value="any">any of</option>
          </select>
        </label>
        <label class="inline">
          <input type="checkbox" checked={group.negate} onChange={(e) => onChange({ ...group, negate: e.currentTarget.checked })} /> not
        </label>
        {onRemove ? (
          <button
            type="button"
            class="secondary outline small"
            onClick={onRemove}
            aria-label={`Remove this ${group.line ? 'line block' : 'group'}`}
          >
            Remove
          </button>
        ) : null}
      </div>
      <ul class="seg-children">
        {group.children.map((child, index) => (
          <li key={child.id}>
            {child.kind === 'condition' ? (
              <ConditionEditor condition={child} scope={inner} onChange={(c) => setChild(index, c)} onRemove={() => removeChild(index)} />
            ) : (
              <GroupEditor
                group={child}
                scope={inner}
                depth={depth + 1}
                onChange={(g) => setChild(index, g)}
                onRemove={() => removeChild(index)}
              />
            )}
          </li>
        ))}
      </ul>
      <div class="seg-row">
        <button type="button" class="secondary small" onClick={() => add(newCondition(inner))}>
          + condition
        </button>
        <button type="button" class="secondary small" onClick={() => add(newGroup(false, [newCondition(inner)]))}>
          + group
        </button>
        {inner === 'order' ? (
          <button type="button" class="secondary small" onClick={() => add(newGroup(true, [newCondition('line')]))}>
            + line block
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function ConditionEditor({
  condition,
  scope,
  onChange,
  onRemove,
}: {
  condition: Condition;
  scope: Scope;
  onChange: Change<Condition>;
  onRemove: () => void;
}) {
  const idp = `cond-${condition.id}`;
  const spec = specOf(scope, condition.field);
  const ops = operatorsOf(scope, condition.field);
  const setField = (field: string) => {
    const nextOps = operatorsOf(scope, field);
    onChange({ ...condition, field, op: nextOps.includes(condition.op) ? condition.op : nextOps[0]!, value: '', value2: '' });
  };
  return (
    <div class="seg-condition" data-condition={condition.id}>
      <label class="inline">
        <input type="checkbox" checked={condition.negate} onChange={(e) => onChange({ ...condition, negate: e.currentTarget.checked })} />{' '}
        not
      </label>
      <label for={`${idp}-field`} class="sr-only">
        Field
      </label>
      <select id={`${idp}-field`} value={condition.field} onChange={(e) => setField(e.currentTarget.value)}>
        {fieldsOf(scope).map((field) => (
          <option key={field} value={field}>
            {FIELD_LABEL[field] ?? field}
          </option>
        ))}
      </select>
      {condition.field === ARTICLE_PREFIX ? (
        <>
          <label for={`${idp}-attr`} class="sr-only">
            Article attribute
          </label>
          <input
            id={`${idp}-attr`}
            placeholder="attribute, e.g. brand"
            value={condition.attribute}
            onInput={(e) => onChange({ ...condition, attribute: e.currentTarget.value })}
          />
        </>
      ) : null}
      <label for={`${idp}-op`} class="sr-only">
        Operator
      </label>
      <select id={`${idp}-op`} value={condition.op} onChange={(e) => onChange({ ...condition, op: e.currentTarget.value })}>
        {ops.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
      <ValueInput
        idp={idp}
        op={condition.op}
        values={spec.values}
        value={condition.value}
        value2={condition.value2}
        onChange={(value, value2) => onChange({ ...condition, value, value2 })}
      />
      <button type="button" class="secondary outline small" onClick={onRemove} aria-label="Remove this condition">
        ×
      </button>
    </div>
  );
}

const PLACEHOLDER: Record<string, string> = { in: 'a, b, c', nin: 'a, b, c', within: 'P30D', between: 'from' };

function ValueInput({
  idp,
  op,
  values,
  value,
  value2,
  onChange,
}: {
  idp: string;
  op: string;
  values?: readonly string[];
  value: string;
  value2: string;
  onChange: (value: string, value2: string) => void;
}) {
  if (op === 'exists')
    return (
      <>
        <label for={`${idp}-value`} class="sr-only">
          Exists
        </label>
        <select id={`${idp}-value`} value={value === 'false' ? 'false' : 'true'} onChange={(e) => onChange(e.currentTarget.value, value2)}>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      </>
    );
  const single = values && (op === 'eq' || op === 'ne');
  return (
    <>
      <label for={`${idp}-value`} class="sr-only">
        Value
      </label>
      {single ? (
        <select id={`${idp}-value`} value={value} onChange={(e) => onChange(e.currentTarget.value, value2)}>
          <option value="">choose…</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={`${idp}-value`}
          placeholder={PLACEHOLDER[op] ?? (values ? values.join(', ') : 'value')}
          value={value}
          onInput={(e) => onChange(e.currentTarget.value, value2)}
        />
      )}
      {op === 'between' ? (
        <>
          <label for={`${idp}-value2`} class="sr-only">
            Upper bound
          </label>
          <input id={`${idp}-value2`} placeholder="to" value={value2} onInput={(e) => onChange(value, e.currentTarget.value)} />
        </>
      ) : null}
    </>
  );
}

export function HavingEditor({
  metric,
  label,
  row,
  onChange,
}: {
  metric: string;
  label: string;
  row: HavingRow;
  onChange: Change<HavingRow>;
}) {
  const idp = `having-${metric}`;
  return (
    <div class="seg-condition">
      <label for={`${idp}-op`}>{label}</label>
      <select id={`${idp}-op`} value={row.op} onChange={(e) => onChange({ ...row, op: e.currentTarget.value })}>
        <option value="">any</option>
        {HAVING_OPS.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
      {row.op ? (
        <ValueInput
          idp={idp}
          op={row.op}
          value={row.value}
          value2={row.value2}
          onChange={(value, value2) => onChange({ ...row, value, value2 })}
        />
      ) : null}
    </div>
  );
}
