import type { OrderPage, OrderViewRecord } from '@orders/read-models';
import { pageLinks } from '../common/paging/page-links';
import type { AcceptedChange } from '@orders/application';
import type { JobStatus } from './get-job/get-job.query';
import { jobHref } from './jobs/job-links';

/** E3 body: the order with its derived type and its versionTag. */
export const presentOrder = (record: OrderViewRecord) => ({ ...record.order, versionTag: record.versionTag });

/**
 * 202 body of every asynchronous change (E2, E4, E5, E7, E8, E9): `Pending`, or — given the job's state
 * (an idempotent retry, jobs/accepted-job.ts) — that state, with the versionTag once completed (SPEC: Job).
 */
export const presentAcceptedJob = (change: AcceptedChange, job?: JobStatus) => ({
  jobId: change.jobId,
  orderId: change.orderId,
  status: job?.status ?? ('Pending' as const),
  href: jobHref(change.jobId),
  ...(job?.status === 'Completed' ? { versionTag: job.versionTag } : {}),
});

/** E1 body: a page with `next`/`previous` links present only where that page exists. */
export function presentOrderPage(page: OrderPage, contactId: string, offset: number, count: number) {
  const href = (at: number) => `/api/v3/orders?contactId=${encodeURIComponent(contactId)}&offset=${at}&count=${count}`;
  const links = pageLinks(page.totalCount, offset, count, (at) => ({ href: href(at), method: 'GET' as const }));
  return { items: page.items.map(presentOrder), totalCount: page.totalCount, offset, count, links };
}
