import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpChild } from '../support/child-process';
import { httpClient } from '../support/http-client';
import { type LoadResult, runLoad } from '../support/load';
import type { BenchOptions } from '../support/options';
import { ROOT } from '../support/service';

export type SegmentationResult =
  { available: false; reason: string } | { available: true; filters: number; connections: number; load: LoadResult; orderCounts: number[] };

/** Segment queries are analytical and rare next to writes: a few concurrent clients, not 50. */
const CONNECTIONS = 8;

const QUERY_PATH = '/api/v3/segments/query';

/** Representative segment queries (SPEC §6) over the orders the earlier phases registered. */
const QUERIES = [
  { filter: { field: 'status', op: 'eq', value: 'InProgress' } },
  {
    filter: {
      all: [
        { field: 'totalPrice', op: 'gte', value: 500 },
        { field: 'paymentMethod', op: 'in', value: ['Card', 'Klarna'] },
      ],
    },
    having: { orderCount: { op: 'gte', value: 2 } },
  },
  {
    filter: {
      line: {
        all: [
          { field: 'sku', op: 'startsWith', value: 'SHIRT' },
          { field: 'type', op: 'eq', value: 'Purchase' },
        ],
      },
    },
  },
  {
    filter: { any: [{ field: 'channel', op: 'eq', value: 'Webshop' }, { not: { field: 'deliveryMethod', op: 'exists', value: true } }] },
    count: 50,
  },
].map((query) => JSON.stringify(query));

/**
 * Phase 7: segment queries through the service. Reports "not available" until the service answers
 * POST /api/v3/segments/query (libs/segmentation alone is not enough: the endpoint must be wired).
 */
export async function measureSegmentation(service: HttpChild, options: BenchOptions): Promise<SegmentationResult> {
  const client = httpClient(service.url);
  try {
    const orderCounts: number[] = [];
    for (const query of QUERIES) {
      const answer = await client.call('POST', QUERY_PATH, query);
      if (answer.status !== 200) {
        const lib = existsSync(join(ROOT, 'libs/segmentation/src')) ? 'libs/segmentation exists, but ' : '';
        return { available: false, reason: `not available: ${lib}POST ${QUERY_PATH} answers ${answer.status}` };
      }
      orderCounts.push(Number((JSON.parse(answer.body) as { orderCount?: number }).orderCount));
    }
    let n = 0;
    const load = await runLoad({
      url: service.url,
      connections: CONNECTIONS,
      seconds: options.updateSeconds,
      next: () => ({ method: 'POST', path: QUERY_PATH, body: QUERIES[n++ % QUERIES.length]! }),
    });
    return { available: true, filters: QUERIES.length, connections: CONNECTIONS, load, orderCounts };
  } finally {
    client.close();
  }
}
