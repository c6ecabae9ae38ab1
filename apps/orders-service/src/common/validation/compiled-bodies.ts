import Ajv, { _, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isDateTimeWithOffset } from '@orders/domain/date-time';
import { addError, type FieldErrors } from '@orders/domain';
import { ajvErrorsToFieldErrors, MAX_REPORTED_ERRORS, pathOf, propertyName, type ReportedErrors } from './ajv-field-errors';
import { appendPath } from './field-path';
import { KNOWN_KEYS, toJsonSchemaDefinitions, toSizeGuard } from './openapi-json-schema';
import { schemaRules } from './schema-rule';

const DOCUMENT_ID = 'openapi';
const GUARD_ID = 'openapi-size-guard';

/** DTO classes whose bodies are checked by compiled validation first (see {@link CompiledValidation}). */
const COMPILED_CLASSES = new Set<abstract new (...args: never) => object>();

/**
 * Marks a body DTO whose valid bodies may skip class-transformer and class-validator: a body its compiled
 * schema accepts reaches the handler as the parsed JSON object. Only for DTOs whose consumers read plain
 * fields (no defaults from field initialisers, no instance methods, no transform that changes a valid value).
 */
export function CompiledValidation(): ClassDecorator {
  return (target) => void COMPILED_CLASSES.add(target as unknown as abstract new (...args: never) => object);
}

/** The compiled checks of one body schema. */
export interface CompiledBody {
  /** the whole schema; stops at the first failure */
  accepts: ValidateFunction;
  /** the size guard: arrays over their `maxItems` (found before any element of them is checked), more than MAX_REPORTED_ERRORS unknown keys */
  oversize: ValidateFunction;
  /** the whole schema with every failure (for bodies with more failures than are reported) */
  everyError: ValidateFunction;
}

function newAjv(allErrors: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors, verbose: allErrors, coerceTypes: false, useDefaults: false });
  addFormats(ajv);
  // `date-time` in this API is the domain's rule (an offset is required; `+0100`, `t`/`z` and no seconds are taken)
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => isDateTimeWithOffset(value) });
  for (const [keyword, rule] of schemaRules()) {
    // inline code calling the check with the value, its parent and the argument: a `validate` keyword would be
    // called with a context object (and its instance path spelt out) per field, every text field of every body
    ajv.addKeyword({
      keyword,
      code(cxt: KeywordCxt) {
        const check = cxt.gen.scopeValue('keyword', { ref: rule.check });
        cxt.fail(_`!${check}(${cxt.data}, ${cxt.it.parentData}, ${cxt.schemaValue})`);
      },
    });
  }
  return ajv;
}

/**
 * The compiled validators of the body DTOs marked {@link CompiledValidation}, built from the OpenAPI
 * document (the same @nestjs/swagger metadata that documents them): `compile()` once at start-up.
 */
export class CompiledBodies {
  private readonly bodies = new Map<unknown, CompiledBody>();

  compile(document: { components?: { schemas?: Record<string, unknown> } }): void {
    const definitions = toJsonSchemaDefinitions(document.components?.schemas ?? {}, DOCUMENT_ID);
    const firstError = newAjv(false);
    const everyError = newAjv(true);
    addKnownKeysKeyword(firstError);
    firstError.addSchema({ $id: DOCUMENT_ID, definitions });
    firstError.addSchema({ $id: GUARD_ID, definitions: toSizeGuard(definitions, DOCUMENT_ID, GUARD_ID) });
    everyError.addSchema({ $id: DOCUMENT_ID, definitions });
    this.bodies.clear();
    for (const type of COMPILED_CLASSES) {
      if (!(type.name in definitions)) throw new Error(`No schema ${type.name} in the OpenAPI document to compile`);
      const get = (ajv: Ajv, id: string): ValidateFunction => ajv.getSchema(`${id}#/definitions/${type.name}`)!;
      this.bodies.set(type, {
        accepts: get(firstError, DOCUMENT_ID),
        oversize: get(firstError, GUARD_ID),
        everyError: get(everyError, DOCUMENT_ID),
      });
    }
  }

  /** The compiled validators of a marked DTO class, once `compile()` has run (undefined for any other class). */
  of(metatype: unknown): CompiledBody | undefined {
    return this.bodies.get(metatype);
  }
}

/** Schema failures that class-validator may accept (it canonicalises enums and codes first, and takes null for absent). */
const LENIENT_KEYWORDS = new Set(['enum', 'x-currency-code', 'x-country-code']);
const fallbackMayAccept = (error: ErrorObject): boolean =>
  (LENIENT_KEYWORDS.has(error.keyword) && typeof error.data === 'string') || (error.keyword === 'type' && error.data === null);

/** The unknown keys the size guard has met in the body it is checking (validation is synchronous). */
let unknownKeys: string[] = [];

/** `x-known-keys`: counts the keys of an object that are not among its properties; fails past MAX_REPORTED_ERRORS in the body. */
function addKnownKeysKeyword(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: KNOWN_KEYS,
    errors: false,
    validate: (known: string[], data: unknown, _schema: unknown, context?: { instancePath?: string }) => {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return true;
      for (const key of Object.keys(data)) {
        if (known.includes(key)) continue;
        unknownKeys.push(appendPath(pathOf(context?.instancePath ?? ''), key, false));
        if (unknownKeys.length > MAX_REPORTED_ERRORS) return false;
      }
      return true;
    },
  });
}

/**
 * The size guard's answer for a body that failed its schema: the first array over its maxItems (found
 * before any element of it is checked), or the first MAX_REPORTED_ERRORS of more unknown keys; undefined
 * when neither (then the body's failures are few enough to be checked one by one).
 */
export function oversizeArrays(body: CompiledBody, value: unknown): ReportedErrors | undefined {
  unknownKeys = [];
  const fits = body.oversize(value);
  const unknown = unknownKeys;
  unknownKeys = [];
  if (fits) return undefined;
  if (unknown.length > MAX_REPORTED_ERRORS) {
    const errors: FieldErrors = {};
    for (const path of unknown.slice(0, MAX_REPORTED_ERRORS)) addError(errors, path, `property ${propertyName(path)} should not exist`);
    return { errors, truncated: true };
  }
  return ajvErrorsToFieldErrors(body.oversize.errors ?? []);
}

/** Every failure of a body, reported when there are more than MAX_REPORTED_ERRORS of them (else undefined). */
export function tooManyFailures(body: CompiledBody, value: unknown): ReportedErrors | undefined {
  if (body.everyError(value)) return undefined;
  const errors = (body.everyError.errors ?? []).filter((error) => !fallbackMayAccept(error));
  if (errors.length <= MAX_REPORTED_ERRORS) return undefined;
  const reported = ajvErrorsToFieldErrors(errors);
  return reported.truncated ? reported : undefined;
}
