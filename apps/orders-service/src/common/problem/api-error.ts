import {
  ApplicationError,
  type ApplicationErrorCode,
  orderNotFound as orderNotFoundError,
  validationFailed as validationFailedError,
} from '@orders/application';
import type { FieldErrors } from '@orders/domain';
import type { StorageFaultError, StorageFaultKind } from '@orders/event-store';

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

/** The HTTP status of each application error code (a new code without one is a type error). */
const APPLICATION_ERROR_STATUS: Record<ApplicationErrorCode, number> = {
  VALIDATION_FAILED: 400,
  ORDER_NOT_FOUND: 404,
  VERSION_TAG_MISMATCH: 404,
  ORDER_ALREADY_EXISTS: 409,
  PRECONDITION_FAILED: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  ORDER_HAS_NO_CONTACT: 422,
};

/** An application error (@orders/application) as the app answers it: its status, and the current ETag of a failed If-Match. */
export function fromApplicationError(error: ApplicationError): ApiError {
  const headers = error.currentVersionTag !== undefined ? { ETag: `"${error.currentVersionTag}"` } : undefined;
  return new ApiError(APPLICATION_ERROR_STATUS[error.code], error.code, error.title, error.detail, error.errors, headers);
}

/** A store that cannot write (StorageFaultError, thrown by the adapters): never a 500; Retry-After in seconds. */
const STORAGE_FAULT_ANSWER: Record<StorageFaultKind, { status: number; code: string; title: string; detail: string; retryAfter: string }> =
  {
    full: {
      status: 507,
      code: 'INSUFFICIENT_STORAGE',
      title: 'Insufficient storage',
      detail: 'The store has no space left for this change; nothing was written. Try again once space has been freed.',
      retryAfter: '30',
    },
    unavailable: {
      status: 503,
      code: 'STORE_UNAVAILABLE',
      title: 'Store unavailable',
      detail: 'The store cannot be written (read-only, an I/O error, or unreachable); nothing was written. Try again shortly.',
      retryAfter: '5',
    },
  };

export function fromStorageFault(error: StorageFaultError): ApiError {
  const { status, code, title, detail, retryAfter } = STORAGE_FAULT_ANSWER[error.kind];
  return new ApiError(status, code, title, detail, undefined, { 'retry-after': retryAfter });
}

export const orderNotFound = (orderId: string): ApiError => fromApplicationError(orderNotFoundError(orderId));

export const jobNotFound = (jobId: string): ApiError =>
  new ApiError(404, 'JOB_NOT_FOUND', 'Job not found', `No job with jobId '${jobId}'.`);

export const validationFailed = (errors: FieldErrors, detail?: string): ApiError =>
  fromApplicationError(validationFailedError(errors, detail));
