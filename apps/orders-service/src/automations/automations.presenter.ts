import { type DeliveryRow, deliveryState, type EndpointRow } from '@orders/automations';
import { pageLinks } from '../common/paging/page-links';

/** A stored URL as shown: a user name or password (only in endpoints registered before they were refused) is masked. */
function shownUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.username === '' && url.password === '') return text;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return text;
  }
}

/** An endpoint as the API shows it: never its secret; `actions` only when it filters. */
export const presentEndpoint = (row: EndpointRow) => ({
  id: row.id,
  url: shownUrl(row.url),
  ...(row.actions === null ? {} : { actions: JSON.parse(row.actions) as string[] }),
  createdAt: new Date(row.created_at_ms).toISOString(),
});

export const presentDeadLetter = (row: DeliveryRow) => ({
  id: row.id,
  endpointId: row.endpoint_id,
  orderId: row.order_id,
  triggerId: row.trigger_id,
  action: row.action,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at,
  trigger: JSON.parse(row.body) as unknown,
});

export const presentDelivery = (row: DeliveryRow) => {
  const state = deliveryState(row);
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    orderId: row.order_id,
    triggerId: row.trigger_id,
    action: row.action,
    versionTag: (JSON.parse(row.body) as { versionTag?: string }).versionTag ?? null,
    state,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: state === 'pending' || state === 'retrying' ? new Date(row.next_attempt_at_ms).toISOString() : null,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
};

/** A page of an automation list: `{ items, totalCount, offset, count, links }` like every other list. */
export function presentPage<T>(path: string, items: T[], totalCount: number, offset: number, count: number, query = '') {
  const links = pageLinks(totalCount, offset, count, (at) => ({
    href: `/api/v3/automations/${path}?${query}offset=${at}&count=${count}`,
    method: 'GET' as const,
  }));
  return { items, totalCount, offset, count, links };
}
