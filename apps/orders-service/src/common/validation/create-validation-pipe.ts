import { type ArgumentMetadata, type PipeTransform, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { addError, type FieldErrors } from '@orders/domain';
import type { ReportedErrors } from './ajv-field-errors';
import { type CompiledBodies, oversizeArrays, tooManyFailures } from './compiled-bodies';
import { requireBody } from './body-required';
import { appendPath, ROOT_PATH } from './field-path';
import { RequestValidationError } from './request-validation.error';
import { validationErrorsToFieldErrors } from './validation-errors';

/** Deepest nesting of objects/arrays accepted in a request (an order needs 6; `orderAction.data` gets the rest). */
export const MAX_REQUEST_DEPTH = 32;

/** Keys that could reach an object's prototype; reported instead of being silently deleted. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_REPORTED_FORBIDDEN_KEYS = 20;

/**
 * The ValidationPipe of the service: checks a body/query against its DTO class and throws
 * {@link RequestValidationError} with JSON-path keyed messages when it does not match.
 *
 * - transform: the handler receives a DTO instance (enum values canonical, query numbers converted);
 * - whitelist + forbidNonWhitelisted: unknown properties are errors (`property foo should not exist`);
 * - forbidUnknownValues: a value that is not a known DTO is an error;
 * - no implicit type conversion: `"12"` is not a number in a JSON body;
 * - before class-transformer and class-validator (both recursive) see it, a body/query that is not a
 *   JSON object, that is nested deeper than {@link MAX_REQUEST_DEPTH}, or that has a `__proto__`,
 *   `constructor` or `prototype` key anywhere (Nest's pipe would silently delete those) is rejected;
 * - a body of a DTO marked `@CompiledValidation()` is first checked by its compiled schema (`compiled`):
 *   when it passes, it goes to the handler as parsed; when not, an array over its limit is refused before
 *   its elements are looked at, a body with more than MAX_REPORTED_ERRORS failing paths is answered from the
 *   compiled validator's errors (truncated), and any other goes the class-validator way, which words the 400.
 */
export function createValidationPipe(compiled?: CompiledBodies): RequestValidationPipe {
  return new RequestValidationPipe(compiled, {
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => new RequestValidationError(validationErrorsToFieldErrors(errors)),
  });
}

/** Nest's ValidationPipe (class-transformer and class-validator), with its test of which parameters it validates */
class ClassValidatorPipe extends ValidationPipe {
  validates(metadata: ArgumentMetadata): boolean {
    return this.toValidate(metadata);
  }
}

export class RequestValidationPipe implements PipeTransform {
  private readonly classValidator: ClassValidatorPipe;

  constructor(
    private readonly compiled: CompiledBodies | undefined,
    options: ValidationPipeOptions,
  ) {
    this.classValidator = new ClassValidatorPipe(options);
  }

  /**
   * Not async: a body its compiled schema accepts is answered at once, without a promise (Nest awaits
   * whatever a pipe returns); a refusal is still a rejected promise, as from class-validator's path.
   */
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    try {
      requireBody(value, metadata);
      if (metadata.metatype && this.classValidator.validates(metadata) && (metadata.type === 'body' || metadata.type === 'query')) {
        if (value !== null && value !== undefined && !isJsonObject(value)) {
          throw new RequestValidationError({ [ROOT_PATH]: [`the request ${metadata.type} must be a JSON object`] });
        }
        const compiled = metadata.type === 'body' && isJsonObject(value) ? this.compiled?.of(metadata.metatype) : undefined;
        // a body its compiled schema accepts is valid as it is (see compiled-bodies.ts): no class-transformer, no class-validator
        if (compiled?.accepts(value)) return checkTree(value);
        if (compiled) throwIfReported(oversizeArrays(compiled, value));
        checkTree(value);
        if (compiled) throwIfReported(tooManyFailures(compiled, value));
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // class-validator reports the failures (the compiled schema only says that there are some), or accepts
    // what the schema is stricter about (an enum in another casing, `null` for an absent field)
    return this.classValidator.transform(value, metadata);
  }
}

function checkTree(value: unknown): unknown {
  if (isCleanTree(value, 1)) return value;
  const errors = inspectTree(value);
  if (Object.keys(errors).length > 0) throw new RequestValidationError(errors);
  return value;
}

function throwIfReported(reported: ReportedErrors | undefined): void {
  if (reported) throw new RequestValidationError(reported.errors, { truncated: reported.truncated });
}

function isJsonObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)
  );
}

/** A value on the walk of inspectTree; its JSON path is spelled out only when it is reported. */
interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | undefined;
  key: string;
  inArray: boolean;
}

function pathOf(visit: Visit, key?: string, inArray = false): string {
  const steps: Visit[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) steps.push(at);
  let path = '';
  for (let i = steps.length - 1; i >= 0; i--) path = appendPath(path, steps[i]!.key, steps[i]!.inArray);
  return key === undefined ? path : appendPath(path, key, inArray);
}

/**
 * Whether inspectTree would report nothing: no forbidden key, nothing deeper than MAX_REQUEST_DEPTH. Every
 * body is asked, so this answers without allocating (inspectTree keeps a record per object for the paths it
 * may report: 3.5 % of the request thread's allocations under registration load). The recursion is as deep
 * as the value, and stops past MAX_REQUEST_DEPTH.
 */
function isCleanTree(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_REQUEST_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (!isCleanTree(value[index], depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (FORBIDDEN_KEYS.has(key) || !isCleanTree((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Walks the value iteratively (so a hostile depth cannot overflow the stack) and reports the first path
 * nested deeper than MAX_REQUEST_DEPTH (the top level is depth 1) and every prototype-reaching key. Paths
 * are made only for what is reported: every body goes through here, and spelling a path per key was about
 * 5 % of the request thread's allocations under registration load.
 */
function inspectTree(root: unknown): FieldErrors {
  const errors: FieldErrors = {};
  let forbiddenReported = 0;
  const stack: Visit[] = [{ value: root, depth: 1, parent: undefined, key: '', inArray: false }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_REQUEST_DEPTH) {
      addError(errors, pathOf(visit) || ROOT_PATH, `must not be nested deeper than ${MAX_REQUEST_DEPTH} levels`);
      return errors;
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const child: unknown = value[index];
        if (typeof child === 'object' && child !== null)
          stack.push({ value: child, depth: depth + 1, parent: visit, key: String(index), inArray: true });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        if (forbiddenReported++ < MAX_REPORTED_FORBIDDEN_KEYS) addError(errors, pathOf(visit, key), `property ${key} should not exist`);
        continue;
      }
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, parent: visit, key, inArray: false });
    }
  }
  return errors;
}
