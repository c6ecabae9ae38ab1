import { ValidationError } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { appendPath } from './field-path';
import { validationErrorsToFieldErrors } from './validation-errors';

function error(property: string | undefined, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('validationErrorsToFieldErrors', () => {
  it('dots nested objects and brackets array indices: lineItems.items[2].article.sku', () => {
    const tree = [
      error('lineItems', undefined, [
        error('items', undefined, [
          error('2', undefined, [error('article', undefined, [error('sku', { isString: 'sku must be a string' })])]),
        ]),
      ]),
    ];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({ 'lineItems.items[2].article.sku': ['sku must be a string'] });
  });

  it('keeps all messages of a field, once each, in order', () => {
    const tree = [error('orderId', { isLength: 'too long', matches: 'must not be blank' }), error('orderId', { isLength: 'too long' })];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({ orderId: ['too long', 'must not be blank'] });
  });

  it('reports an error on a whole nested object on that object, not on its fields', () => {
    const tree = [
      error(
        'contact',
        { isObject: 'contact must be an object', nestedValidation: 'nested property contact must be either object or array' },
        [error('0', undefined, [error('matchKey', { isString: 'matchKey must be a string' })])],
      ),
    ];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({ contact: ['contact must be an object'] });
  });

  it('reports only the type error of a value of the wrong type', () => {
    const tree = [
      error('items', { isArray: 'items must be an array', arrayMinSize: 'items must contain at least 1 elements' }),
      error('orderId', { isString: 'orderId must be a string', isLength: 'orderId must be longer than or equal to 1 characters' }),
    ];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({
      items: ['items must be an array'],
      orderId: ['orderId must be a string'],
    });
  });

  it('reports only "should not be null or undefined" for a missing value', () => {
    const tree = [error('status', { isDefined: 'status should not be null or undefined', isIn: 'status must be one of …' })];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({ status: ['status should not be null or undefined'] });
  });

  it('puts errors on array elements at the element, and errors of the array on the array', () => {
    const tree = [
      error('items', { isArrayOfObjects: 'each value in items must be an object' }, [
        error('1', { nestedValidation: 'each value in items must be an object' }),
        error('3', undefined, [error('quantity', { isPositive: 'quantity must be a positive number' })]),
      ]),
    ];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({
      items: ['each value in items must be an object'],
      'items[1]': ['each value in items must be an object'],
      'items[3].quantity': ['quantity must be a positive number'],
    });
  });

  it('quotes unknown property names that are not identifiers, numeric ones included', () => {
    const whitelist = (property: string) => error(property, { whitelistValidation: `property ${property} should not exist` });
    const tree = [whitelist('0'), whitelist('foo bar'), error('contact', undefined, [whitelist('a.b'), whitelist('x')])];

    expect(validationErrorsToFieldErrors(tree)).toStrictEqual({
      '["0"]': ['property 0 should not exist'],
      '["foo bar"]': ['property foo bar should not exist'],
      'contact["a.b"]': ['property a.b should not exist'],
      'contact.x': ['property x should not exist'],
    });
  });

  it('puts an error without property (an unknown value) on its parent, or on `$` at the top', () => {
    const unknown = () => error(undefined, { unknownValue: 'an unknown value was passed to the validate function' });

    expect(validationErrorsToFieldErrors([unknown(), error('data', undefined, [unknown()])])).toStrictEqual({
      $: ['an unknown value was passed to the validate function'],
      data: ['an unknown value was passed to the validate function'],
    });
  });

  it('makes a `__proto__` path an own key, without touching the prototype', () => {
    const result = validationErrorsToFieldErrors([error('__proto__', { whitelistValidation: 'property __proto__ should not exist' })]);

    expect(Object.keys(result)).toStrictEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('prefixes a base path when given', () => {
    expect(validationErrorsToFieldErrors([error('sku', { isString: 'sku must be a string' })], 'article')).toStrictEqual({
      'article.sku': ['sku must be a string'],
    });
  });

  it('returns {} for no errors', () => {
    expect(validationErrorsToFieldErrors([])).toStrictEqual({});
  });
});

describe('appendPath', () => {
  it.each([
    ['', 'orderId', true, 'orderId'],
    ['lineItems', 'items', true, 'lineItems.items'],
    ['items', '2', true, 'items[2]'],
    ['', '0', true, '[0]'],
    ['items', '02', true, 'items["02"]'],
    ['contact', '0', false, 'contact["0"]'],
    ['', 'a-b', false, '["a-b"]'],
    ['x', 'say "hi"', false, 'x["say \\"hi\\""]'],
  ])('appendPath(%j, %j, %s) = %s', (parent, step, asIndex, expected) => {
    expect(appendPath(parent, step, asIndex)).toBe(expected);
  });
});
