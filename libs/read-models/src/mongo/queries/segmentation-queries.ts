import type { Db } from 'mongodb';
import {
  articleTests,
  type ConditionNode,
  compileSegmentPipeline,
  type Segment,
  type SegmentAnswer,
  type SegmentPipelineResult,
} from '@orders/segmentation';
import type { SegmentPage, SegmentQueries } from '../../segment.port';
import { ARTICLE_ATTRIBUTES_PATH, articleRegisterCollection } from '../parts/articles.part';
import { segmentationCollection } from '../parts/segmentation.part';

/**
 * Segments (SPEC §6) over the MongoDB read model: one aggregation over `segmentation_orders`
 * (@orders/segmentation's compileSegmentPipeline: whitelisted field names, values as typed literals in
 * operator positions). Each `article.<attribute>` condition is first resolved against the article
 * register as it is now — one query per distinct test, giving a SKU set — and the pipeline tests the
 * lines' SKUs against it, as the SQL joins `article_register`; so an article registered or changed
 * later counts at once, without rewriting orders.
 */
export class MongoSegmentQueries implements SegmentQueries {
  constructor(private readonly db: Db) {}

  async query(segment: Segment, page: SegmentPage): Promise<SegmentAnswer> {
    const now = page.now ?? Date.now();
    const skus = await this.articleSkus(segment, now);
    const pipeline = compileSegmentPipeline(segment, {
      now,
      offset: page.offset,
      count: page.count,
      articleSkus: (condition) => skus.get(condition),
    });
    const [result] = (await segmentationCollection(this.db)
      .aggregate(pipeline, { allowDiskUse: true })
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
  private async articleSkus(segment: Segment, now: number): Promise<Map<ConditionNode, string[]>> {
    const tests = articleTests(segment.filter, { now, attributesPath: ARTICLE_ATTRIBUTES_PATH });
    const byKey = new Map<string, Promise<string[]>>();
    const register = articleRegisterCollection(this.db);
    for (const test of tests) {
      if (byKey.has(test.key)) continue;
      const filter = { $and: [{ deleted: false }, test.registerFilter] };
      byKey.set(
        test.key,
        register
          .find(filter, { projection: { _id: 1 } })
          .toArray()
          .then((docs) => docs.map((doc) => doc._id)),
      );
    }
    const out = new Map<ConditionNode, string[]>();
    for (const test of tests) out.set(test.condition, await byKey.get(test.key)!);
    return out;
  }
}
