/** The article register (SPEC §7): `{ name?, attributes: { brand?, category?, colour?, size?, … } }` per SKU. */
import type { FieldErrors } from '../field-errors';
import { addError, hasErrors, isAbsent, isPlainObject, readText } from '../field-rules';
import type { RegisterKind } from '../registers/register-stream';

export type ArticleAttributeValue = string | number | boolean;

export interface ArticleEntry {
  name?: string;
  attributes: Record<string, ArticleAttributeValue>;
}

export const ARTICLE_STREAM_PREFIX = 'article-';
export const ARTICLE_REGISTER: RegisterKind = { prefix: ARTICLE_STREAM_PREFIX, saved: 'ArticleSaved', deleted: 'ArticleDeleted' };

export const ARTICLE_NAME_MAX = 255;
export const ARTICLE_ATTRIBUTES_MAX = 50;
export const ARTICLE_ATTRIBUTE_TEXT_MAX = 255;
/** attribute names are used as `article.<name>` paths in segment filters: keep them plain */
export const ARTICLE_ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export type ArticleResult = { ok: true; article: ArticleEntry } | { ok: false; errors: FieldErrors };

/** `attributes` may be omitted (no attributes); values are text, finite numbers or booleans. */
export function normalizeArticle(value: unknown): ArticleResult {
  const errors: FieldErrors = {};
  if (!isPlainObject(value)) return { ok: false, errors: { '': ['must be an object'] } };
  for (const key of Object.keys(value)) if (key !== 'name' && key !== 'attributes') addError(errors, key, 'is not an article field');
  const name = readText(errors, 'name', value['name'], { max: ARTICLE_NAME_MAX })?.trim();
  const attributes: Record<string, ArticleAttributeValue> = {};
  const raw = value['attributes'];
  if (!isAbsent(raw) && !isPlainObject(raw)) addError(errors, 'attributes', 'must be an object');
  else if (raw) {
    const entries = Object.entries(raw);
    if (entries.length > ARTICLE_ATTRIBUTES_MAX) addError(errors, 'attributes', `must have at most ${ARTICLE_ATTRIBUTES_MAX} attributes`);
    for (const [key, field] of entries) {
      const path = `attributes.${key}`;
      if (!ARTICLE_ATTRIBUTE_NAME.test(key)) addError(errors, path, 'attribute names are a letter then letters, digits or _ (≤ 64)');
      else if (isAbsent(field)) continue;
      else if (typeof field === 'boolean' || (typeof field === 'number' && Number.isFinite(field))) attributes[key] = field;
      else if (typeof field === 'string' && field.length <= ARTICLE_ATTRIBUTE_TEXT_MAX) attributes[key] = field;
      else addError(errors, path, `must be text (≤ ${ARTICLE_ATTRIBUTE_TEXT_MAX}), a finite number or a boolean`);
    }
  }
  if (hasErrors(errors)) return { ok: false, errors };
  return { ok: true, article: name ? { name, attributes } : { attributes } };
}
