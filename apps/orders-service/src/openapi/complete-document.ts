import { STATUS_CODES } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from '../logging/request-id';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME, problemResponse } from './problem.schema';
import { successStatusesByOperationId } from './success-statuses';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const WRITE_METHODS = new Set(['put', 'post', 'delete', 'patch']);
const BODY_METHODS = new Set(['put', 'post', 'patch']);

const TAGS = [
  { name: 'orders', description: 'Orders v3 (SPEC §2): register, change, read and list orders; jobs of asynchronous changes.' },
  { name: 'operations', description: 'Health, readiness and Prometheus metrics (no API key needed, outside /api/v3).' },
];

const isReference = (value: object): value is ReferenceObject => '$ref' in value;

/** The operation's parameters with component references resolved. */
function parametersOf(document: OpenAPIObject, operation: OperationObject): ParameterObject[] {
  return (operation.parameters ?? []).flatMap((parameter) => {
    if (!isReference(parameter)) return [parameter];
    const resolved = document.components?.parameters?.[parameter.$ref.split('/').pop()!];
    return resolved && !isReference(resolved) ? [resolved] : [];
  });
}

/** The answers every operation of a given shape can give, whether or not its controller says so. */
function genericStatuses(method: string, operation: OperationObject, parameters: ParameterObject[], secured: boolean): number[] {
  const statuses = [500];
  // a body (configure-http.ts): 415 when present and not JSON, 400 malformed or missing where required, 413 over 1 MiB;
  // a path parameter: 400 BAD_URL for a malformed percent-escape (or an invalid orderId), 414 when over-long, 404
  const hasBody = operation.requestBody !== undefined || BODY_METHODS.has(method);
  const hasPath = parameters.some((p) => p.in === 'path');
  if (hasBody || hasPath || parameters.some((p) => p.in === 'query')) statuses.push(400);
  if (hasBody) statuses.push(413, 415);
  if (hasPath) statuses.push(404, 414);
  if (secured) statuses.push(401, 403, 429);
  return statuses;
}

function completeResponses(operation: OperationObject, statuses: number[], success: number | undefined): void {
  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  if (success !== undefined && !Object.keys(responses).some((status) => /^[23]/.test(status))) responses[success] = { description: '' };
  for (const status of statuses) responses[status] ??= problemResponse(status);
  for (const [status, response] of Object.entries(responses)) {
    if (isReference(response)) continue;
    const code = Number(status);
    if (code >= 400 && !response.content) {
      const problem = problemResponse(code);
      response.content = problem.content;
      response.headers = { ...problem.headers, ...response.headers };
      response.description ||= problem.description;
    }
    if (!response.description) response.description = STATUS_CODES[code] ?? 'Response';
    response.headers = { [REQUEST_ID_HEADER]: { $ref: '#/components/headers/RequestId' }, ...response.headers };
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

function addParameter(operation: OperationObject, parameters: ParameterObject[], name: string, ref: string): void {
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name)) return;
  operation.parameters = [...(operation.parameters ?? []), { $ref: ref }];
}

/**
 * Completes the document Nest generates from the controllers so that EVERY operation — also ones
 * added later by any module — documents its error answers as problem+json (`Problem`), the
 * `x-request-id` header of every answer and the `x-request-id` / `x-correlation-id` request headers.
 * Answers a controller documents itself are kept; only missing ones are added (with `app`, also the
 * success answer of handlers that document only their errors).
 */
export function completeOpenApiDocument(document: OpenAPIObject, app?: INestApplication): OpenAPIObject {
  const successStatuses = app ? successStatusesByOperationId(app) : new Map<string, number>();
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, [PROBLEM_SCHEMA_NAME]: components.schemas?.[PROBLEM_SCHEMA_NAME] ?? PROBLEM_SCHEMA };
  components.headers = {
    ...components.headers,
    RequestId: {
      description: 'The request id: the `x-request-id` sent, or a new UUID; it is in every log line of the request.',
      schema: { type: 'string' },
    },
  };
  components.parameters = {
    ...components.parameters,
    RequestId: {
      name: REQUEST_ID_HEADER,
      in: 'header',
      required: false,
      description: 'Your id for this request (1–128 of `A-Za-z0-9_.:-`); echoed in the answer and the logs.',
      schema: { type: 'string', maxLength: 128 },
    },
    CorrelationId: {
      name: CORRELATION_ID_HEADER,
      in: 'header',
      required: false,
      description: 'Correlation id recorded in the metadata of the events this change writes (default: the request id).',
      schema: { type: 'string', maxLength: 128 },
    },
  };
  const globalSecurity = document.security ?? [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = parametersOf(document, operation);
      const secured = (operation.security ?? globalSecurity).length > 0;
      const success = operation.operationId ? successStatuses.get(operation.operationId) : undefined;
      completeResponses(operation, genericStatuses(method, operation, parameters, secured), success);
      addParameter(operation, parameters, REQUEST_ID_HEADER, '#/components/parameters/RequestId');
      if (WRITE_METHODS.has(method) && path.startsWith('/api/'))
        addParameter(operation, parameters, CORRELATION_ID_HEADER, '#/components/parameters/CorrelationId');
    }
  }
  const known = new Set((document.tags ?? []).map((tag) => tag.name));
  document.tags = [...(document.tags ?? []), ...TAGS.filter((tag) => !known.has(tag.name))];
  return document;
}
