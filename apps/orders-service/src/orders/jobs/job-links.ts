/** Where a job and an order are served (the job id itself is @orders/application's `encodeJobId`). */
export const jobHref = (jobId: string): string => `/api/v3/orders/jobs/${jobId}`;
export const orderHref = (orderId: string): string => `/api/v3/orders/${encodeURIComponent(orderId)}`;
