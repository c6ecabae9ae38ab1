/** Examples and the grammar summary shown in the OpenAPI document (see README, "Segmentation"). */
export const FILTER_DESCRIPTION = [
  'A condition C (SPEC §6): `{ field, op, value }` on an order field; `{ all: [C…] }`, `{ any: [C…] }`, `{ not: C }`;',
  '`{ line: L }` — at least one line satisfies L (built the same way from line fields).',
  'Order fields: orderId, contactId, status, type, externalStatus, createdAt, totalPrice, currencyCode, channel, externalStoreId,',
  'paymentMethod (any payment), deliveryMethod. Line fields: sku, type, externalStatus, returnType, quantity, totalPrice, article.<attribute>.',
  'Operators: eq, ne, in, nin, gt, gte, lt, lte, between [low, high] (inclusive), exists true/false, contains and startsWith',
  '(text, case-insensitive), within (createdAt: ISO 8601 duration back from now, e.g. "P30D").',
  'Limits: depth 8, 64 conditions, 500 values per in/nin list, texts ≤ 255 characters. Anything else is a 400 naming the JSON path.',
].join(' ');

export const FILTER_EXAMPLE = {
  all: [
    { field: 'status', op: 'in', value: ['Completed', 'InProgress'] },
    { field: 'createdAt', op: 'within', value: 'P90D' },
    { field: 'totalPrice', op: 'gt', value: 500 },
    {
      line: {
        all: [
          { field: 'sku', op: 'in', value: ['SHIRT-RED-M', 'SHIRT-RED-L'] },
          { field: 'type', op: 'eq', value: 'Purchase' },
        ],
      },
    },
    { not: { field: 'paymentMethod', op: 'eq', value: 'GiftCard' } },
  ],
};

export const HAVING_DESCRIPTION =
  'Per contact, over its matched orders: `{ orderCount?: { op, value }, totalPrice?: { op, value } }` with eq, ne, in, nin, gt, gte, lt, lte, between. ' +
  'With `having`, orders without a contact are left out of orderCount.';

export const HAVING_EXAMPLE = { orderCount: { op: 'gte', value: 2 } };
