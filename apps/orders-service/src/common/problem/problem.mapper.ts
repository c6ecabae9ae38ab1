import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ApplicationError } from '@orders/application';
import type { FieldErrors } from '@orders/domain';
import { StorageFaultError } from '@orders/event-store';
import { QueryBudgetExceededError } from '@orders/read-models';
import { capFieldErrors } from '../validation/ajv-field-errors';
import { RequestValidationError } from '../validation/request-validation.error';
import { ApiError, fromApplicationError, fromQueryBudget, fromStorageFault } from './api-error';
import { type ProblemCode, problemTypeUri } from './problem-catalog';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldErrors;
  /** `errors` lists the first MAX_REPORTED_ERRORS failing paths of more */
  errorsTruncated?: true;
  instance?: string;
}

export interface MappedProblem {
  problem: Problem;
  headers: Record<string, string>;
}

/** Stable codes for statuses that reach us as plain HttpExceptions (Nest wraps Fastify's own errors so); others are HTTP_ERROR. */
const HTTP_STATUS_CODES: Record<number, ProblemCode> = {
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** `type` is the code's page on this service (`/problems/<CODE>`, a relative reference: see problem-catalog.ts). */
const problemOf = (status: number, code: ProblemCode, title: string, detail: string, errors?: FieldErrors, truncated = false): Problem => {
  const capped = errors && capFieldErrors(errors);
  return {
    type: problemTypeUri(code),
    title,
    status,
    detail,
    code,
    ...(capped ? { errors: capped.errors } : {}),
    ...(truncated || capped?.truncated ? { errorsTruncated: true as const } : {}),
  };
};

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const code = HTTP_STATUS_CODES[status] ?? 'HTTP_ERROR';
  const response = error.getResponse();
  const message =
    typeof response === 'object' && response && 'message' in response ? String((response as { message: unknown }).message) : error.message;
  return problemOf(status, code, STATUS_CODES[status] ?? 'Error', message);
}

/** SQLite's SQLITE_BUSY (better-sqlite3 puts the result code on the error): a write that waited for the lock in vain. */
const isStoreBusy = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

/** The one place where any error becomes an HTTP answer. Unknown errors become a 500 without internals. */
export function toProblem(thrown: unknown): MappedProblem {
  const error =
    thrown instanceof ApplicationError
      ? fromApplicationError(thrown)
      : thrown instanceof StorageFaultError
        ? fromStorageFault(thrown)
        : thrown instanceof QueryBudgetExceededError
          ? fromQueryBudget(thrown)
          : thrown;
  if (error instanceof ApiError) {
    return { problem: problemOf(error.status, error.code, error.title, error.detail, error.errors), headers: error.headers ?? {} };
  }
  if (error instanceof RequestValidationError) {
    return {
      problem: problemOf(
        400,
        'VALIDATION_FAILED',
        'Validation failed',
        'The request does not satisfy the contract.',
        error.errors,
        error.truncated,
      ),
      headers: {},
    };
  }
  if (error instanceof HttpException) return { problem: fromHttpException(error), headers: {} };
  if (isStoreBusy(error)) {
    return {
      problem: problemOf(
        503,
        'STORE_BUSY',
        'Store busy',
        'The store is locked by a long write (a projection rebuild, say); try again shortly.',
      ),
      headers: { 'retry-after': '1' },
    };
  }
  const statusCode =
    typeof error === 'object' && error && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  if (statusCode >= 400 && statusCode < 500) {
    return {
      problem: problemOf(
        statusCode,
        'HTTP_ERROR',
        STATUS_CODES[statusCode] ?? 'Bad request',
        error instanceof Error ? error.message : 'Bad request',
      ),
      headers: {},
    };
  }
  return {
    problem: problemOf(500, 'INTERNAL_ERROR', 'Internal server error', 'An unexpected error occurred; it has been logged.'),
    headers: {},
  };
}
