import type { Db } from 'mongodb';
import {
  ARTICLE_SKU_LIMITS,
  articleTests,
  type ConditionNode,
  compileSegmentPipeline,
  type Segment,
  type SegmentAnswer,
  type SegmentPipelineResult,
  SegmentTooLargeError,
} from '@orders/segmentation';
import { DEFAULT_QUERY_BUDGET_MS, QueryBudgetExceededError, type ReadContext } from '../../read-budget';
import type { SegmentPage, SegmentQueries } from '../../segment.port';
import { ARTICLE_ATTRIBUTES_PATH, articleRegisterCollection } from '../parts/articles.part';
import { segmentationCollection } from '../parts/segmentation.part';

/**
 * Segments (SPEC §6) over the MongoDB read model: one aggregation over `segmentation_orders`
 * (@orders/segmentation's compileSegmentPipeline: whitelisted field names, values as typed literals in
 * operator positions). Each `article.<attribute>` condition is first resolved against the article
 * register as it is now — one query per distinct test, giving a SKU set — and the pipeline tests the
 * lines' SKUs against it, as the SQL joins `article_register`; so an article registered or changed
 * later counts at once, without rewriting orders. The sets are inlined into the aggregation, so together
 * they are bounded (ARTICLE_SKU_LIMITS: 100 000 SKUs, 8 MiB; MongoDB refuses commands over 16 MiB): past
 * it, SegmentTooLargeError names the condition (the app answers 400 VALIDATION_FAILED).
 * The whole query (register lookups and aggregation) has `budgetMs`: each command gets what is left as
 * `maxTimeMS`, and MongoDB's MaxTimeMSExpired becomes QueryBudgetExceededError, as on the SQLite pool.
 */
export class MongoSegmentQueries implements SegmentQueries {
  private readonly limits: { maxSkus: number; maxBytes: number };
  private readonly budgetMs: number;

  constructor(
    private readonly db: Db,
    options: { maxSkus?: number; maxBytes?: number; budgetMs?: number } = {},
  ) {
    this.limits = { maxSkus: options.maxSkus ?? ARTICLE_SKU_LIMITS.maxSkus, maxBytes: options.maxBytes ?? ARTICLE_SKU_LIMITS.maxBytes };
    this.budgetMs = options.budgetMs ?? DEFAULT_QUERY_BUDGET_MS;
  }

  async query(segment: Segment, page: SegmentPage, _context?: ReadContext): Promise<SegmentAnswer> {
    const deadline = Date.now() + this.budgetMs;
    return this.run(segment, page, () => Math.max(1, deadline - Date.now())).catch((error: unknown) => {
      throw isMaxTimeExpired(error) ? new QueryBudgetExceededError(this.budgetMs, 'running') : error;
    });
  }

  private async run(segment: Segment, page: SegmentPage, maxTimeMS: () => number): Promise<SegmentAnswer> {
    const now = page.now ?? Date.now();
    const skus = await this.articleSkus(segment, now, maxTimeMS);
    const pipeline = compileSegmentPipeline(segment, {
      now,
      offset: page.offset,
      count: page.count,
      articleSkus: (condition) => skus.get(condition),
    });
    const [result] = (await segmentationCollection(this.db)
      .aggregate(pipeline, { allowDiskUse: true, maxTimeMS: maxTimeMS() })
      .toArray()) as unknown as SegmentPipelineResult[];
    const totals = result?.totals[0];
    return {
      orderCount: totals?.orderCount ?? 0,
      contactCount: totals?.contactCount ?? 0,
      contacts: (result?.contacts ?? []).map((group) => ({
        contactId: group._id,
        orderCount: group.orderCount,
        totalPrice: group.totalPrice,
      })),
    };
  }

  /** The SKU set of every article condition of the filter (equal tests share one query). */
  private async articleSkus(segment: Segment, now: number, maxTimeMS: () => number): Promise<Map<ConditionNode, string[]>> {
    const tests = articleTests(segment.filter, { now, attributesPath: ARTICLE_ATTRIBUTES_PATH });
    const byKey = new Map<string, Promise<string[]>>();
    const register = articleRegisterCollection(this.db);
    for (const test of tests) {
      if (byKey.has(test.key)) continue;
      const filter = { $and: [{ deleted: false }, test.registerFilter] };
      byKey.set(
        test.key,
        register
          .find(filter, { projection: { _id: 1 }, maxTimeMS: maxTimeMS() })
          .limit(this.limits.maxSkus + 1) // never loads more than can be used
          .toArray()
          .then((docs) => docs.map((doc) => doc._id)),
      );
    }
    const out = new Map<ConditionNode, string[]>();
    let skus = 0;
    let bytes = 0;
    for (const test of tests) {
      const set = await byKey.get(test.key)!;
      skus += set.length;
      for (const sku of set) bytes += Buffer.byteLength(sku) + 8; // BSON: type, index key, length, NUL
      if (skus > this.limits.maxSkus || bytes > this.limits.maxBytes) {
        const { maxSkus, maxBytes } = this.limits;
        throw new SegmentTooLargeError({
          [test.path]: [
            `selects more articles than a segment can test on this backend (the article conditions of a filter together select at most ${maxSkus} SKUs, ${Math.floor(maxBytes / 1024 / 1024)} MiB): narrow the condition`,
          ],
        });
      }
      out.set(test.condition, set);
    }
    return out;
  }
}

/** MongoDB's answer when a command ran past its maxTimeMS (error code 50). */
const isMaxTimeExpired = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: unknown }).code === 50 || (error as { codeName?: unknown }).codeName === 'MaxTimeMSExpired');
