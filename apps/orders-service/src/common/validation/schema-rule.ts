import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** An OpenAPI extension keyword naming a rule that JSON Schema cannot state (`x-well-formed-text`). */
export type RuleKeyword = `x-${string}`;

/**
 * The check of a rule: `value` is the field's value (never undefined), `parent` the object holding it,
 * `argument` what the schema says after the keyword (`true`, or e.g. the other field's name).
 */
export type RuleCheck = (value: unknown, parent: Record<string, unknown> | undefined, argument: unknown) => boolean;

/** A rule as the compiled validator runs it: the check, and the message class-validator would give. */
export interface SchemaRule {
  check: RuleCheck;
  message?: RuleMessage;
}

/** @nestjs/swagger's metadata keys of a property's schema (its `DECORATORS`, which its package exports do not reach). */
const DECORATORS = {
  API_MODEL_PROPERTIES: 'swagger/apiModelProperties',
  API_MODEL_PROPERTIES_ARRAY: 'swagger/apiModelPropertiesArray',
} as const;

const RULES = new Map<RuleKeyword, SchemaRule>();

/**
 * States a rule once: `check` is what class-validator runs (the error reporter, with its message) and what
 * the compiled validator runs (compiled-bodies.ts adds it to ajv as the keyword). The returned decorator
 * writes the keyword into the property's OpenAPI schema, so the document says which rule applies where.
 */
export function defineSchemaRule(keyword: RuleKeyword, check: RuleCheck, message?: RuleMessage): (argument?: unknown) => PropertyDecorator {
  RULES.set(keyword, { check, message });
  return (argument: unknown = true) => schemaExtension(keyword, argument);
}

/** What class-validator says when the rule fails (`$property` is not expanded here: build the text yourself). */
export type RuleMessage = (args?: ValidationArguments) => string;

/**
 * A rule as a decorator factory: the class-validator constraint `name` (whose failure reads `message`) and the
 * OpenAPI keyword `keyword`, both running `check`. `argument` goes to the check and into the document.
 */
export function schemaRule(
  keyword: RuleKeyword,
  name: string,
  check: RuleCheck,
  message: RuleMessage,
): (argument?: unknown, options?: ValidationOptions) => PropertyDecorator {
  const extension = defineSchemaRule(keyword, check, message);
  return (argument: unknown = true, options?: ValidationOptions) =>
    (target: object, propertyKey: string | symbol) => {
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyKey as string,
        options,
        constraints: [argument],
        validator: {
          validate: (value: unknown, args?: ValidationArguments) =>
            check(value, args?.object as Record<string, unknown> | undefined, argument),
          defaultMessage: message,
        },
      });
      extension(argument)(target, propertyKey);
    };
}

/** Every rule defined so far, by keyword. */
export const schemaRules = (): ReadonlyMap<RuleKeyword, SchemaRule> => RULES;

/**
 * Adds `keyword: argument` to the @nestjs/swagger metadata of a property, before or after its
 * `@ApiProperty` (which merges into what is there), without touching anything else of it.
 */
function schemaExtension(keyword: RuleKeyword, argument: unknown): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    const names: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, target) ?? [];
    const name = `:${String(propertyKey)}`;
    if (!names.includes(name)) Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, [...names, name], target);
    // as @ApiProperty starts a property's metadata: with its design type (which @ApiProperty may then override)
    const existing: Record<string, unknown> = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target, propertyKey) ?? {
      type: Reflect.getMetadata('design:type', target, propertyKey),
    };
    Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, { ...existing, [keyword]: argument }, target, propertyKey);
  };
}
