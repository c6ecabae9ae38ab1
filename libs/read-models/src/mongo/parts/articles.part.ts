import type { Db } from 'mongodb';
import { ARTICLE_ATTRIBUTE_NAME, ARTICLE_REGISTER, type ArticleEntry } from '@orders/domain';
import { scalarAttributes } from '@orders/segmentation';
import { type CollectionNamer, LIVE_COLLECTIONS } from './mongo-projection-part';
import { type RegisterDocument, registerPart } from './register-part';

export const ARTICLE_REGISTER_COLLECTION = 'article_register';

/**
 * An article of the register (`_id` = SKU), the counterpart of `article_register(sku, name, attributes)`.
 * `attributes` holds the scalar attributes only (strings, finite numbers, booleans) under names of
 * the attribute grammar — what a segment's `article.<attribute>` can match on the SQL side too — so
 * no other key ever reaches MongoDB. A tombstone (`deleted: true`) has no fields.
 */
export interface ArticleDocument extends RegisterDocument {
  name?: string;
  attributes?: Record<string, string | number | boolean>;
}

/** The register path of the attributes, for @orders/segmentation's articleTests(). */
export const ARTICLE_ATTRIBUTES_PATH = 'attributes';

export const articleRegisterCollection = (db: Db, c: CollectionNamer = LIVE_COLLECTIONS) =>
  db.collection<ArticleDocument>(c(ARTICLE_REGISTER_COLLECTION));

export function articleAttributes(attributes: unknown): Record<string, string | number | boolean> {
  const scalars = scalarAttributes(attributes);
  for (const key of Object.keys(scalars)) if (!ARTICLE_ATTRIBUTE_NAME.test(key)) delete scalars[key];
  return scalars;
}

export const mongoArticlesPart = registerPart<ArticleEntry, ArticleDocument>({
  name: 'articles',
  kind: ARTICLE_REGISTER,
  collection: ARTICLE_REGISTER_COLLECTION,
  indexes: [],
  present: (sku, entry, _previous, event) => ({
    _id: sku,
    revision: event.revision,
    deleted: false,
    ...(entry.name !== undefined ? { name: entry.name } : {}),
    attributes: articleAttributes(entry.attributes),
  }),
  absent: (sku, event) => ({ _id: sku, revision: event.revision, deleted: true }),
});
