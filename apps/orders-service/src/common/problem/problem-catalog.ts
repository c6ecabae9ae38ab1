import type { ApplicationErrorCode } from '@orders/application';

/**
 * What a client reads on `/problems/<CODE>`: the problem's title, its HTTP status, when the service
 * answers it and what to do about it. One entry per code, written in the API's words.
 */
export interface ProblemPage {
  /** the HTTP status of every answer with this code */
  status: number;
  title: string;
  /** when the service answers it */
  when: string;
  /** what a client should do */
  fix: string;
}

/**
 * THE table of every problem `code` the service can answer: code → status and page text.
 *
 * `ApiError` only takes a code of this table, and every `ApplicationErrorCode` of @orders/application
 * must have a row (see {@link ProblemCode} and the check below): a new code without its status and page
 * text is a type error. Adding a code is adding one entry here.
 */
export const PROBLEM_CATALOG = {
  // — the request's content —
  VALIDATION_FAILED: {
    status: 400,
    title: 'Validation failed',
    when: 'The body or the query does not satisfy the contract. `errors` maps the JSON path of each failing field (`lineItems.items[1].article.sku`, `contactId`, `$` for the whole body) to its messages; at most 100 paths, with `errorsTruncated: true` when more failed.',
    fix: 'Correct the fields named in `errors` and send the request again; nothing was stored.',
  },
  MALFORMED_JSON: {
    status: 400,
    title: 'Malformed JSON',
    when: 'The body is not parsable JSON, is nested too deeply (over 32 levels), has an object with over 1,000 keys or an array with over 10,000 elements, or holds a `__proto__`/`constructor` key.',
    fix: 'Send one well-formed JSON document as the body.',
  },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    title: 'Invalid Idempotency-Key',
    when: 'The `Idempotency-Key` header is not 1–255 visible ASCII characters without spaces.',
    fix: 'Send a fresh UUID (or another short token) as the `Idempotency-Key`.',
  },
  BAD_URL: {
    status: 400,
    title: 'Bad URL',
    when: 'The path holds a malformed percent-escape (a `%XX` sequence that is not valid UTF-8).',
    fix: 'Percent-encode the path segments as UTF-8 (`encodeURIComponent`).',
  },
  BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    when: 'The request is not valid HTTP/1.1 (an invalid header name or method, say); the connection is closed after the answer.',
    fix: 'Fix the HTTP client or proxy that produced the request.',
  },
  // — who asks —
  UNAUTHORIZED: {
    status: 401,
    title: 'Unauthorized',
    when: 'No API key was sent, or the key is unknown, malformed or revoked.',
    fix: 'Send a valid key in the `apikey` (or `x-api-key`) header; an operator creates keys (`npm run cli -- keys create`).',
  },
  FORBIDDEN_SCOPE: {
    status: 403,
    title: 'Forbidden',
    when: 'The API key is valid but lacks a scope the endpoint needs (`orders:read`, `orders:write`, `contacts`, `segments`, `automations`, `admin`).',
    fix: 'Use a key with that scope, or ask an operator to grant it.',
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    when: 'The API key made more requests in this second than `RATE_LIMIT_PER_SECOND` allows.',
    fix: 'Wait the seconds of `Retry-After` and retry; spread the requests over time.',
  },
  // — what is addressed —
  ROUTE_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    when: 'No endpoint has this path (see `/docs`).',
    fix: 'Check the path and the `/api/v3` prefix against the OpenAPI document at `/docs`.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    when: 'The path exists but not with this HTTP method.',
    fix: 'Use a method the OpenAPI document lists for the path.',
  },
  ORDER_NOT_FOUND: {
    status: 404,
    title: 'Order not found',
    when: 'No order has this `orderId` (or it was deleted), it belongs to another contact than the `contactId` given, or it had no content at the `?at=` instant.',
    fix: 'Check the `orderId`; register the order with `POST /api/v3/orders` first.',
  },
  VERSION_TAG_MISMATCH: {
    status: 404,
    title: 'Version tag mismatch',
    when: 'An action (E7) names a `versionTag` that is not the current version of the order.',
    fix: 'Read the order again (`GET /api/v3/orders/{orderId}`) and act on its current `versionTag`.',
  },
  VERSION_TAG_NOT_FOUND: {
    status: 404,
    title: 'Version not found',
    when: '`GET /api/v3/orders/{orderId}?versionTag=` names a version the order never had.',
    fix: "Take a `versionTag` from the order's history (`GET /api/v3/orders/{orderId}/history`).",
  },
  JOB_NOT_FOUND: {
    status: 404,
    title: 'Job not found',
    when: 'The `jobId` names no change (it was not issued by this service, or its order never reached that revision).',
    fix: 'Poll the `href` of the 202 answer exactly as given.',
  },
  CONTACT_NOT_FOUND: {
    status: 404,
    title: 'Contact not found',
    when: 'The contact register has no entry with this `contactId`.',
    fix: 'Register it with `PUT /api/v3/contacts/{contactId}`.',
  },
  ARTICLE_NOT_FOUND: {
    status: 404,
    title: 'Article not found',
    when: 'The article register has no entry with this `sku`.',
    fix: 'Register it with `PUT /api/v3/articles/{sku}`.',
  },
  STORE_NOT_FOUND: {
    status: 404,
    title: 'Store not found',
    when: 'The store register has no entry with this `externalStoreId`.',
    fix: 'Register it with `PUT /api/v3/stores/{externalStoreId}`.',
  },
  SEGMENT_NOT_FOUND: {
    status: 404,
    title: 'Segment not found',
    when: 'No saved segment has this `segmentId` (or it was deleted).',
    fix: 'List the saved segments with `GET /api/v3/segments`.',
  },
  AUTOMATION_TARGET_NOT_ALLOWED: {
    status: 422,
    title: 'Automation target not allowed',
    when: 'The endpoint `url` resolves to a loopback, private, link-local, CGNAT, unspecified, multicast or broadcast address, to the service itself, or does not resolve; the automation target policy refuses it (see `AUTOMATION_ALLOW_LOCAL_NETWORK` and `AUTOMATION_ALLOWED_HOSTS`).',
    fix: 'Register a public URL, or ask the operator to allow the host (`AUTOMATION_ALLOWED_HOSTS`) or the local network.',
  },
  INSUFFICIENT_STORAGE: {
    status: 507,
    title: 'Insufficient storage',
    when: 'The disk of a store is full: the change could not be written, and nothing of it was. Reads keep working; `/health/ready` answers 503 until a write can succeed again.',
    fix: 'Retry after `Retry-After` seconds (30); the operator frees space (see docs/operations.md, "Storage faults"). Writes resume by themselves.',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    title: 'Store unavailable',
    when: 'A store cannot be written: read-only, an I/O error, or (distributed backend) EventStoreDB or MongoDB unreachable. Nothing of the change was written.',
    fix: 'Retry after `Retry-After` seconds (5), with the same `Idempotency-Key` if you sent one.',
  },
  ENDPOINT_NOT_FOUND: {
    status: 404,
    title: 'Endpoint not found',
    when: 'No automation endpoint has this id (or it was removed).',
    fix: 'List the endpoints with `GET /api/v3/automations/endpoints`.',
  },
  DEAD_LETTER_NOT_FOUND: {
    status: 404,
    title: 'Dead letter not found',
    when: 'No dead letter has this id (it was retried already, or never exhausted its attempts).',
    fix: 'List the dead letters with `GET /api/v3/automations/dead-letters`.',
  },
  PROBLEM_TYPE_NOT_FOUND: {
    status: 404,
    title: 'Problem type not found',
    when: '`/problems/<CODE>` names a code the service never answers.',
    fix: 'See `/problems` for every code.',
  },
  // — the state of what is addressed —
  ORDER_ALREADY_EXISTS: {
    status: 409,
    title: 'Order already exists',
    when: '`POST /api/v3/orders` with an `orderId` that is registered already.',
    fix: 'Change the order with `PUT /api/v3/orders/{orderId}` instead, or use another `orderId`.',
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: 'Precondition failed',
    when: "`If-Match` names another version than the order's current one: someone changed it since you read it. The answer's `ETag` is the current version.",
    fix: 'Read the order again, re-apply your change to it and send it with the new `ETag` as `If-Match`.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency key reused',
    when: 'The `Idempotency-Key` was used before with another request (another method, path or body).',
    fix: 'Use a new key for a new request; resend the same request only with its own key.',
  },
  ORDER_HAS_NO_CONTACT: {
    status: 422,
    title: 'Order has no contact',
    when: 'An action (E7) on an order whose contact is not resolved in the contact register: the trigger would carry no contact.',
    fix: "Register the contact with `PUT /api/v3/contacts/{contactId}` (matching the order's match key), then request the action again.",
  },
  // — the transport —
  REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request timeout',
    when: 'The request (headers and body) was not received in full within `REQUEST_TIMEOUT_MS`; the connection is closed.',
    fix: 'Send the whole request promptly; check for a stalled network or proxy.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload too large',
    when: 'The body exceeds 1 MiB (or its chunk extensions exceed 1 KiB).',
    fix: 'Send a smaller body; an order has far fewer than 1 MiB of fields.',
  },
  URI_TOO_LONG: {
    status: 414,
    title: 'URI too long',
    when: 'A path segment is longer than the service accepts.',
    fix: 'Ids are at most 100 characters: check the path.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    when: 'A body was sent with another `Content-Type` than `application/json`.',
    fix: 'Send bodies as `Content-Type: application/json`.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Request headers too large',
    when: 'The request line and headers exceed the limit of the server; the connection is closed.',
    fix: 'Send fewer or shorter headers (cookies, say).',
  },
  HTTP_ERROR: {
    status: 400,
    title: 'Bad request',
    when: 'A refusal of the HTTP framework that has no more specific code. Its status is that of the refusal (a 4xx, 400 most often); the `detail` says what it was.',
    fix: 'Read the `detail`; if it is unclear, report it with the `x-request-id` of the answer.',
  },
  // — the service —
  INTERNAL_ERROR: {
    status: 500,
    title: 'Internal server error',
    when: 'An unexpected error; it is logged with the request id. Nothing half-written stays behind.',
    fix: 'Retry later; if it persists, report the `x-request-id` of the answer to the operator.',
  },
  QUERY_BUDGET_EXCEEDED: {
    status: 503,
    title: 'Query budget exceeded',
    when: 'A segment query (`POST /api/v3/segments/query`, `GET /api/v3/segments/{segmentId}/contacts`) or, on the embedded read pool, a history read (`GET /api/v3/orders/{orderId}/history`, `?versionTag=`, `?at=`, a personal-data export) did not finish within its time budget (`SEGMENT_QUERY_BUDGET_MS`, 2 s by default, waiting for a read slot included) and was stopped. Each API key holds at most `READ_POOL_SLOTS_PER_KEY` of the read slots; its further queries wait their turn.',
    fix: 'Retry after `Retry-After` seconds, one query at a time; if it is refused again, narrow the filter (fewer `contains` conditions, a `within` on `createdAt`); a history read refused again needs a larger `SEGMENT_QUERY_BUDGET_MS` (the operator).',
  },
  STORE_BUSY: {
    status: 503,
    title: 'Store busy',
    when: 'A write waited in vain for the store lock (a projection rebuild holds it, say).',
    fix: 'Retry after the seconds of `Retry-After`; a change that was refused was not stored.',
  },
  CONSOLE_NOT_BUILT: {
    status: 503,
    title: 'Console not built',
    when: 'The order-view console is enabled (`CONSOLE_ENABLED`) but its files are not there: `CONSOLE_DIR` (default `dist/console`) holds no `index.html`.',
    fix: 'Build it (`npm run build`, or `npm run build:console`) or point `CONSOLE_DIR` at a built console; the API works meanwhile. Set `CONSOLE_ENABLED=false` to run without it.',
  },
} as const satisfies Record<string, ProblemPage>;

/** Every code the service answers with. */
export type ProblemCode = keyof typeof PROBLEM_CATALOG;

/** Every ApplicationErrorCode is a ProblemCode: a code added in @orders/application without a row here does not compile. */
export const APPLICATION_PROBLEMS: Record<ApplicationErrorCode, ProblemPage> = PROBLEM_CATALOG;

export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOG) as ProblemCode[];

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEM_CATALOG, code);

/**
 * Where a code's page is served, and so the problem's `type`: a relative reference (RFC 9457 §3.1.1
 * allows one; it resolves against the answer's own URL, so it leads to this service whatever its host).
 */
export const PROBLEMS_PATH = 'problems';
export const problemTypeUri = (code: ProblemCode): string => `/${PROBLEMS_PATH}/${code}`;
