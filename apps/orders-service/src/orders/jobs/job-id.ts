/**
 * A job identifies a change by its order and the stream revision of the change's event; no job table
 * is needed. The id is the base64url of `<revision>:<orderId>`.
 */
export function encodeJobId(orderId: string, revision: number): string {
  return Buffer.from(`${revision}:${orderId}`, 'utf8').toString('base64url');
}

export function decodeJobId(jobId: string): { orderId: string; revision: number } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(jobId)) return null;
  const text = Buffer.from(jobId, 'base64url').toString('utf8');
  const match = /^(0|[1-9]\d{0,14}):(.{1,100})$/s.exec(text);
  if (!match || encodeJobId(match[2]!, Number(match[1])) !== jobId) return null;
  return { revision: Number(match[1]), orderId: match[2]! };
}

export const jobHref = (jobId: string): string => `/api/v3/orders/jobs/${jobId}`;
export const orderHref = (orderId: string): string => `/api/v3/orders/${encodeURIComponent(orderId)}`;
