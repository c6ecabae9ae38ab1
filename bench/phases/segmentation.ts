import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpChild } from '../support/child-process';
import { httpClient } from '../support/http-client';
import { type LoadResult, runLoad } from '../support/load';
import { type OpenLoopResult, runOpenLoop } from '../support/open-loop';
import type { BenchOptions } from '../support/options';
import { ROOT } from '../support/service';
import { percentile, round } from '../support/stats';

export interface AttackResult {
  /** concurrent clients sending the attacker filter back to back */
  clients: number;
  queries: number;
  statuses: Record<string, number>;
  p50Ms: number;
  maxMs: number;
  /** GET of one order, open loop, while the attack runs */
  get: OpenLoopResult;
}

export type SegmentationResult =
  | { available: false; reason: string }
  | {
      available: true;
      filters: number;
      connections: number;
      load: LoadResult;
      orderCounts: number[];
      /** GET of one order, open loop at GET_RATE, on the idle service and while the segment queries run */
      getIdle: OpenLoopResult;
      getDuringSegments: OpenLoopResult;
      attack: AttackResult;
    };

/** Segment queries are analytical and rare next to writes: a few concurrent clients, not 50. */
const CONNECTIONS = 8;
const GET_RATE = 20;
const ATTACKERS = 4;

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
 * The attacker of issue 15 point 3, inside the documented limits: `any` of 64 line conditions
 * `sku contains <255 characters>` (matching nothing, so every line of every order is scanned).
 */
export const ATTACK_QUERY = JSON.stringify({
  filter: {
    any: Array.from({ length: 64 }, (_, i) => ({ line: { field: 'sku', op: 'contains', value: `${i}`.padStart(3, '0').repeat(85) } })),
  },
});

/**
 * Phase 7: segment queries through the service, with GETs of single orders (open loop) on the idle
 * service, during the queries, and during the attacker filter. Reports "not available" until the
 * service answers POST /api/v3/segments/query.
 */
export async function measureSegmentation(
  service: HttpChild,
  options: BenchOptions,
  orderIds: readonly string[],
): Promise<SegmentationResult> {
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
    const gets = (seconds: number) => getProbe(service, orderIds, seconds);
    const getIdle = await gets(Math.min(5, options.updateSeconds));
    let n = 0;
    const [load, getDuringSegments] = await Promise.all([
      runLoad({
        url: service.url,
        connections: CONNECTIONS,
        seconds: options.updateSeconds,
        next: () => ({ method: 'POST', path: QUERY_PATH, body: QUERIES[n++ % QUERIES.length]! }),
      }),
      gets(options.updateSeconds),
    ]);
    const attack = await measureAttack(service, options.updateSeconds, gets);
    return { available: true, filters: QUERIES.length, connections: CONNECTIONS, load, orderCounts, getIdle, getDuringSegments, attack };
  } finally {
    client.close();
  }
}

function getProbe(service: HttpChild, orderIds: readonly string[], seconds: number): Promise<OpenLoopResult> {
  let n = 0;
  const next = () => ({ method: 'GET' as const, path: `/api/v3/orders/${encodeURIComponent(orderIds[(n++ * 7919) % orderIds.length]!)}` });
  return runOpenLoop({ url: service.url, rate: GET_RATE, seconds, next, sockets: 8 });
}

/** ATTACKERS clients send the attacker filter back to back for `seconds` (a query under way is awaited) while GETs probe. */
async function measureAttack(
  service: HttpChild,
  seconds: number,
  gets: (seconds: number) => Promise<OpenLoopResult>,
): Promise<AttackResult> {
  const statuses: Record<string, number> = {};
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  const attacker = async (): Promise<void> => {
    const client = httpClient(service.url);
    try {
      while (performance.now() < until) {
        const sent = performance.now();
        const answer = await client.call('POST', QUERY_PATH, ATTACK_QUERY).catch(() => ({ status: 0 }));
        times.push(performance.now() - sent);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      }
    } finally {
      client.close();
    }
  };
  const [get] = await Promise.all([gets(seconds), ...Array.from({ length: ATTACKERS }, attacker)]);
  return {
    clients: ATTACKERS,
    queries: times.length,
    statuses,
    p50Ms: round(percentile(times, 50)),
    maxMs: round(percentile(times, 100)),
    get,
  };
}
