import type { DeliveryRow, EndpointRow } from '@orders/automations';

/** An endpoint as the API shows it: never its secret. */
export const presentEndpoint = (row: EndpointRow) => ({
  id: row.id,
  url: row.url,
  actions: row.actions === null ? null : (JSON.parse(row.actions) as string[]),
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
