import type { Predicate, ScalarValue } from './segment-ast';
import { SQL_LOWER_FUNCTION } from './sql-functions';

const COMPARE: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * `article.<attribute>` of line `l`. The test depends on the SKU only, so it runs once over the
 * article register as a non-correlated subquery and each line just probes the SKU set:
 * `l.sku IN (SKUs whose article passes)`, or, for the tests an absent article passes (ne, nin,
 * exists false), `l.sku NOT IN (SKUs whose article fails)`. Values are typed by the value compared
 * with (strings match text attributes only, numbers numeric ones); arrays, objects and nulls never match.
 */
export function articleSql(bind: (value: unknown) => string, attribute: string, p: Predicate): string {
  return `l.sku ${articleTestNegated(p) ? 'NOT IN' : 'IN'} (${articleSkuSelect(bind, attribute, p)})`;
}

/** True for the tests an absent article passes (ne, nin, exists false): their lines are those NOT IN the set. */
export function articleTestNegated(p: Predicate): boolean {
  return p.op === 'ne' || p.op === 'nin' || (p.op === 'exists' && !p.value);
}

/**
 * `SELECT a.sku FROM article_register a WHERE …`: the SKUs whose article passes the test — for a negated
 * test (articleTestNegated), those that fail it. Its parameters are bound in text order.
 */
export function articleSkuSelect(bind: (value: unknown) => string, attribute: string, p: Predicate): string {
  if (p.op === 'within') throw new Error('within is not defined on article attributes');
  const skus = (test: string): string => `SELECT a.sku FROM article_register a WHERE a.sku IS NOT NULL AND ${test}`;
  const path = `$.${attribute}`;
  const type = (): string => `IFNULL(json_type(a.attributes, ${bind(path)}), '')`;
  const value = (): string => `json_extract(a.attributes, ${bind(path)})`;
  const equals = (v: ScalarValue): string => {
    if (typeof v === 'boolean') return `${type()} = '${v ? 'true' : 'false'}'`;
    if (typeof v === 'number') return `(${type()} IN ('integer', 'real') AND ${value()} = ${bind(v)})`;
    return `(${type()} = 'text' AND ${value()} = ${bind(v)})`;
  };
  // parameters are bound in text order: the type test first, then the comparison
  const typed = (types: string, test: () => string): string => {
    const typeTest = type();
    return `(${typeTest} IN (${types}) AND ${test()})`;
  };
  // one IN per value type (not an OR per value): the expression stays shallow and the path is bound
  // once per type, whatever the length of the list
  const inList = (values: readonly ScalarValue[]): string => {
    const booleans = [...new Set(values.filter((v): v is boolean => typeof v === 'boolean'))];
    const numbers = values.filter((v): v is number => typeof v === 'number');
    const texts = values.filter((v): v is string => typeof v === 'string');
    const tests: string[] = [];
    if (booleans.length > 0) tests.push(`${type()} IN (${booleans.map((v) => `'${v ? 'true' : 'false'}'`).join(', ')})`);
    if (numbers.length > 0) tests.push(`(${type()} IN ('integer', 'real') AND ${value()} IN (${numbers.map(bind).join(', ')}))`);
    if (texts.length > 0) tests.push(`(${type()} = 'text' AND ${value()} IN (${texts.map(bind).join(', ')}))`);
    return `(${tests.join(' OR ')})`;
  };
  const lower = (): string => `instr(${SQL_LOWER_FUNCTION}(${value()}), ${bind((p as { value: string }).value.toLowerCase())})`;
  switch (p.op) {
    case 'eq':
    case 'ne':
      return skus(equals(p.value));
    case 'in':
    case 'nin':
      return skus(inList(p.values));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return skus(typed(`'integer', 'real'`, () => `${value()} ${COMPARE[p.op]} ${bind(p.value)}`));
    case 'between':
      return skus(typed(`'integer', 'real'`, () => `${value()} BETWEEN ${bind(p.low)} AND ${bind(p.high)}`));
    case 'exists':
      return skus(`${type()} IN ('text', 'integer', 'real', 'true', 'false')`);
    case 'contains':
      return skus(typed(`'text'`, () => `${lower()} > 0`));
    case 'startsWith':
      return skus(typed(`'text'`, () => `${lower()} = 1`));
  }
}
