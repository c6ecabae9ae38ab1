/** Field path (`lineItems.items[2].article.sku`) → messages. */
export type FieldErrors = Record<string, string[]>;

/**
 * An error with a stable machine code that becomes an RFC 9457 problem. Thrown anywhere in the app;
 * turned into HTTP in exactly one place (problem.mapper.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export const orderNotFound = (orderId: string): ApiError =>
  new ApiError(404, 'ORDER_NOT_FOUND', 'Order not found', `No order with orderId '${orderId}'.`);

export const jobNotFound = (jobId: string): ApiError =>
  new ApiError(404, 'JOB_NOT_FOUND', 'Job not found', `No job with jobId '${jobId}'.`);

export const validationFailed = (errors: FieldErrors, detail = 'The request does not satisfy the order contract.'): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'Validation failed', detail, errors);
