import type { ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { isProblemCode, PROBLEM_CATALOG, PROBLEM_CODES, type ProblemCode, problemTypeUri } from '../common/problem/problem-catalog';

export const PROBLEM_SCHEMA_NAME = 'Problem';
export const PROBLEM_REF = `#/components/schemas/${PROBLEM_SCHEMA_NAME}`;
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** RFC 9457 problem details as common/problem/problem.mapper.ts writes them. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable machine `code`; `errors` on 400 validation failures.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: {
      type: 'string',
      format: 'uri-reference',
      description: 'The page of this `code` on this service (`/problems/<code>`, relative to the answer): when it happens, what to do.',
      example: '/problems/ORDER_NOT_FOUND',
    },
    title: { type: 'string', example: 'Order not found' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 404 },
    detail: { type: 'string', example: "No order with orderId 'A-1001'." },
    code: {
      type: 'string',
      description:
        'Stable machine code, e.g. ORDER_ALREADY_EXISTS, ORDER_NOT_FOUND, VALIDATION_FAILED (new codes may be added; all of them: `/problems`).',
      example: 'ORDER_NOT_FOUND',
    },
    errors: {
      type: 'object',
      description: 'JSON path of each failing field → its messages (400 VALIDATION_FAILED).',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      example: { 'lineItems.items[1].article.sku': ['sku must be 1–100 characters'] },
    },
    errorsTruncated: {
      type: 'boolean',
      enum: [true],
      description: 'Present (true) when more fields failed than `errors` lists: it names the first 100 failing paths only.',
    },
    instance: { type: 'string', description: 'The request path.', example: '/api/v3/orders/A-1001' },
  },
};

interface ProblemExample {
  code: ProblemCode;
  title: string;
  detail: string;
  description: string;
  errors?: Record<string, string[]>;
}

/** What each status means in this API, with an example problem; used for every documented error answer. */
export const PROBLEM_EXAMPLES: Record<number, ProblemExample> = {
  400: {
    code: 'VALIDATION_FAILED',
    title: 'Validation failed',
    detail: 'The request does not satisfy the contract.',
    description: 'VALIDATION_FAILED (with `errors` by JSON path) or MALFORMED_JSON',
    errors: { totalPrice: ['totalPrice must not be less than 0'], 'lineItems.items[1].article.sku': ['sku must be 1–100 characters'] },
  },
  401: {
    code: 'UNAUTHORIZED',
    title: 'Unauthorized',
    detail: 'An API key is required: send it in the `apikey` (or `x-api-key`) header.',
    description: 'UNAUTHORIZED: no valid API key',
  },
  403: {
    code: 'FORBIDDEN_SCOPE',
    title: 'Forbidden',
    detail: "The API key 'shop' lacks the scope(s) orders:write.",
    description: 'FORBIDDEN_SCOPE: the key lacks a needed scope',
  },
  404: {
    code: 'ORDER_NOT_FOUND',
    title: 'Order not found',
    detail: "No order with orderId 'A-1001'.",
    description: 'Not found (e.g. ORDER_NOT_FOUND, JOB_NOT_FOUND)',
  },
  409: {
    code: 'ORDER_ALREADY_EXISTS',
    title: 'Order already exists',
    detail: "An order with orderId 'A-1001' already exists.",
    description: 'ORDER_ALREADY_EXISTS',
  },
  412: {
    code: 'PRECONDITION_FAILED',
    title: 'Precondition failed',
    detail: 'The order is no longer at that versionTag.',
    description: 'PRECONDITION_FAILED: If-Match does not match the current versionTag',
  },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: 'The body exceeds the limit of 1 MiB.',
    description: 'PAYLOAD_TOO_LARGE: the body exceeds 1 MiB',
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
    detail: 'Bodies must be sent as Content-Type: application/json.',
    description: 'UNSUPPORTED_MEDIA_TYPE: bodies must be application/json',
  },
  422: {
    code: 'IDEMPOTENCY_KEY_REUSED',
    title: 'Unprocessable content',
    detail: 'The Idempotency-Key was used with another request.',
    description: 'Unprocessable (e.g. IDEMPOTENCY_KEY_REUSED, ORDER_HAS_NO_CONTACT)',
  },
  429: {
    code: 'RATE_LIMITED',
    title: 'Too many requests',
    detail: 'This API key may make 200 requests per second; retry after 1 s.',
    description: 'RATE_LIMITED: over the per-key rate (see Retry-After)',
  },
  500: {
    code: 'INTERNAL_ERROR',
    title: 'Internal server error',
    detail: 'An unexpected error occurred; it has been logged.',
    description: 'INTERNAL_ERROR (logged with the request id)',
  },
};

/** For a status without an example above: the catalog's (first) code of that status, else HTTP_ERROR. */
function catalogExample(status: number): ProblemExample {
  const code = PROBLEM_CODES.find((candidate) => PROBLEM_CATALOG[candidate].status === status) ?? 'HTTP_ERROR';
  const { title, when } = PROBLEM_CATALOG[code];
  return { code, title, detail: when, description: code === 'HTTP_ERROR' ? `HTTP ${status}` : `${code}: ${title}` };
}

/** The code a description starts with (`CONTACT_NOT_FOUND`, `ORDER_NOT_FOUND, or …`), if it is one of the catalog. */
export const leadingProblemCode = (description?: string): ProblemCode | undefined => {
  const word = /^[A-Z][A-Z0-9_]+/.exec(description ?? '')?.[0];
  return word !== undefined && isProblemCode(word) ? word : undefined;
};

/** An OpenAPI response object for an error status: problem+json with an example (of `code`, when given). */
export function problemResponse(status: number, description?: string, code?: ProblemCode): ResponseObject {
  const known: ProblemExample = PROBLEM_EXAMPLES[status] ?? catalogExample(status);
  // another code than the status's usual example: its own title, and what its page says as the detail
  const other = code !== undefined && code !== known.code ? PROBLEM_CATALOG[code] : undefined;
  const example = {
    type: problemTypeUri(code ?? known.code),
    title: other?.title ?? known.title,
    status,
    detail: other ? other.when : known.detail,
    code: code ?? known.code,
    ...(known.errors && !other ? { errors: known.errors } : {}),
    instance: '/api/v3/orders/A-1001',
  };
  return {
    description: description ?? known.description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_REF }, example } },
    ...(status === 429
      ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } } }
      : {}),
  };
}
