import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { RequestValidationError } from '../validation/request-validation.error';
import { ApiError, type FieldErrors } from './api-error';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldErrors;
  instance?: string;
}

export interface MappedProblem {
  problem: Problem;
  headers: Record<string, string>;
}

const PROBLEM_BASE = 'https://orders.example/problems/';

/** Fastify's own errors (body parsing, limits, media type) by their `code`. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; title: string; detail?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type', detail: 'Bodies must be sent as Content-Type: application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH', title: 'Invalid Content-Length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large', detail: 'The body exceeds the limit of 1 MiB.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', title: 'Malformed JSON', detail: 'The body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', title: 'Malformed JSON' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', title: 'Bad URL' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST', title: 'Bad request' },
};

/** Stable codes for statuses that reach us as plain HttpExceptions (Nest wraps Fastify's own errors so). */
const HTTP_STATUS_CODES: Record<number, string> = {
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const problemOf = (status: number, code: string, title: string, detail: string, errors?: FieldErrors): Problem => ({
  type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
  title,
  status,
  detail,
  code,
  ...(errors ? { errors } : {}),
});

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const code = HTTP_STATUS_CODES[status] ?? `HTTP_${status}`;
  const response = error.getResponse();
  const message =
    typeof response === 'object' && response && 'message' in response ? String((response as { message: unknown }).message) : error.message;
  return problemOf(status, code, STATUS_CODES[status] ?? 'Error', message);
}

/** The one place where any error becomes an HTTP answer. Unknown errors become a 500 without internals. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof ApiError) {
    return { problem: problemOf(error.status, error.code, error.title, error.detail, error.errors), headers: error.headers ?? {} };
  }
  if (error instanceof RequestValidationError) {
    return {
      problem: problemOf(400, 'VALIDATION_FAILED', 'Validation failed', 'The request does not satisfy the contract.', error.errors),
      headers: {},
    };
  }
  if (error instanceof HttpException) return { problem: fromHttpException(error), headers: {} };
  const fastifyCode = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  const known = FASTIFY_ERRORS[fastifyCode];
  if (known) {
    const detail = known.detail ?? (error instanceof Error ? error.message : known.title);
    return { problem: problemOf(known.status, known.code, known.title, detail), headers: {} };
  }
  const statusCode = typeof error === 'object' && error && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  if (statusCode >= 400 && statusCode < 500) {
    return { problem: problemOf(statusCode, `HTTP_${statusCode}`, 'Bad request', error instanceof Error ? error.message : 'Bad request'), headers: {} };
  }
  return { problem: problemOf(500, 'INTERNAL_ERROR', 'Internal server error', 'An unexpected error occurred; it has been logged.'), headers: {} };
}
