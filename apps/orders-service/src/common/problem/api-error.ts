import { ApplicationError, orderNotFound as orderNotFoundError, validationFailed as validationFailedError } from '@orders/application';
import type { FieldErrors } from '@orders/domain';
import { APPLICATION_PROBLEMS, PROBLEM_CATALOG, type ProblemCode } from './problem-catalog';

export { PROBLEM_CATALOG, type ProblemCode, type ProblemPage } from './problem-catalog';
import type { StorageFaultError, StorageFaultKind } from '@orders/event-store';
import type { QueryBudgetExceededError } from '@orders/read-models';

/**
 * An error with a stable machine code that becomes an RFC 9457 problem. Thrown anywhere in the app;
 * turned into HTTP in exactly one place (problem.mapper.ts). The code must be a row of PROBLEM_CATALOG
 * (problem-catalog.ts: its status and its `/problems/<CODE>` page).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** An application error (@orders/application) as the app answers it: its status, and the current ETag of a failed If-Match. */
export function fromApplicationError(error: ApplicationError): ApiError {
  const headers = error.currentVersionTag !== undefined ? { ETag: `"${error.currentVersionTag}"` } : undefined;
  return new ApiError(APPLICATION_PROBLEMS[error.code].status, error.code, error.title, error.detail, error.errors, headers);
}

/** A store that cannot write (StorageFaultError, thrown by the adapters): never a 500; Retry-After in seconds. */
const STORAGE_FAULT_ANSWER: Record<StorageFaultKind, { code: ProblemCode; detail: string; retryAfter: string }> = {
  full: {
    code: 'INSUFFICIENT_STORAGE',
    detail: 'The store has no space left for this change; nothing was written. Try again once space has been freed.',
    retryAfter: '30',
  },
  unavailable: {
    code: 'STORE_UNAVAILABLE',
    detail: 'The store cannot be written (read-only, an I/O error, or unreachable); nothing was written. Try again shortly.',
    retryAfter: '5',
  },
};

export function fromStorageFault(error: StorageFaultError): ApiError {
  const { code, detail, retryAfter } = STORAGE_FAULT_ANSWER[error.kind];
  const { status, title } = PROBLEM_CATALOG[code];
  return new ApiError(status, code, title, detail, undefined, { 'retry-after': retryAfter });
}

/** 503: a long read ran out of its time budget and was stopped (docs/operations.md, "Read pool"). */
export function fromQueryBudget(error: QueryBudgetExceededError): ApiError {
  const detail =
    error.stage === 'queued'
      ? `The query waited ${error.budgetMs} ms for a read slot without getting one (the read slots were busy); it did not run.`
      : `The query did not finish within its time budget of ${error.budgetMs} ms and was stopped.`;
  const { title } = PROBLEM_CATALOG.QUERY_BUDGET_EXCEEDED;
  return new ApiError(503, 'QUERY_BUDGET_EXCEEDED', title, detail, undefined, { 'retry-after': '1' });
}

export const orderNotFound = (orderId: string): ApiError => fromApplicationError(orderNotFoundError(orderId));

export const jobNotFound = (jobId: string): ApiError =>
  new ApiError(404, 'JOB_NOT_FOUND', 'Job not found', `No job with jobId '${jobId}'.`);

export const validationFailed = (errors: FieldErrors, detail?: string): ApiError =>
  fromApplicationError(validationFailedError(errors, detail));

/** 422: an automation endpoint's URL fails the target policy (docs/api.md "Automation targets"); the reason names `url`. */
export const automationTargetNotAllowed = (detail: string): ApiError =>
  new ApiError(422, 'AUTOMATION_TARGET_NOT_ALLOWED', 'Automation target not allowed', detail, { url: [detail] });
