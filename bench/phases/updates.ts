import type { HttpChild } from '../support/child-process';
import { withCpuTime } from '../support/cpu-time';
import { type LoadRequest, type LoadResult, runLoad } from '../support/load';
import { round } from '../support/stats';
import type { BenchOptions } from '../support/options';
import { fillTemplate, type OrderTemplate } from '@orders/demo-data';

export type UpdateKind = 'replace' | 'change-status';

export interface UpdateResult extends LoadResult {
  kind: UpdateKind;
  /** share of requests aimed at one hot order */
  contention: number;
  /** service CPU milliseconds per 2xx response; null without /proc */
  cpuMsPerRequest: number | null;
}

const STATUS_CHANGES = [
  '{"status":"Completed"}',
  '{"externalStatus":"Shipped"}',
  '{"status":"InProgress","externalStatus":"Picking"}',
  '{"status":"Cancelled","externalStatus":"Cancelled by customer"}',
];

/**
 * Requests updating existing orders: every `1 / contention`-th request goes to one hot order (all of
 * them queue on that order's stream), the rest walk through distinct accepted orders.
 */
function updateRequests(
  kind: UpdateKind,
  contention: number,
  orderIds: readonly string[],
  templates: readonly OrderTemplate[],
  offset: number,
) {
  const hot = orderIds[0]!;
  const every = contention > 0 ? Math.round(1 / contention) : 0;
  let n = 0;
  let cursor = offset;
  return (): LoadRequest => {
    const sequence = n++;
    const orderId = every > 0 && sequence % every === 0 ? hot : orderIds[1 + (cursor++ % (orderIds.length - 1))]!;
    const path = `/api/v3/orders/${encodeURIComponent(orderId)}`;
    return kind === 'replace'
      ? { method: 'PUT', path, body: fillTemplate(templates[(sequence * 13 + 5) % templates.length]!, orderId), tag: orderId }
      : { method: 'POST', path: `${path}/change-status`, body: STATUS_CHANGES[sequence % STATUS_CHANGES.length]!, tag: orderId };
  };
}

/** Phase 4: replace and change-status on existing orders, without and with 10% same-order contention. */
export async function measureUpdates(
  service: HttpChild,
  options: BenchOptions,
  templates: readonly OrderTemplate[],
  orderIds: readonly string[],
  onVariant: (name: string) => void,
): Promise<UpdateResult[]> {
  if (orderIds.length < 2) throw new Error('updates need orders registered by the registration phase');
  const results: UpdateResult[] = [];
  const variants: [UpdateKind, number][] = [
    ['replace', 0],
    ['replace', 0.1],
    ['change-status', 0],
    ['change-status', 0.1],
  ];
  for (const [index, [kind, contention]] of variants.entries()) {
    onVariant(`${kind}${contention > 0 ? '-contended' : ''}`);
    const offset = Math.floor((index * orderIds.length) / variants.length);
    const spec = {
      url: service.url,
      connections: options.connections,
      next: updateRequests(kind, contention, orderIds, templates, offset),
    };
    if (index === 0 && options.warmupSeconds > 0) await runLoad({ ...spec, seconds: options.warmupSeconds });
    const { result, cpuMs } = await withCpuTime(service.pid, () => runLoad({ ...spec, seconds: options.updateSeconds }));
    results.push({ kind, contention, ...result, cpuMsPerRequest: cpuMs === null || result.ok === 0 ? null : round(cpuMs / result.ok, 3) });
  }
  return results;
}
