import type { ArgumentMetadata } from '@nestjs/common';
import { ROOT_PATH } from './field-path';
import { RequestValidationError } from './request-validation.error';

/**
 * An empty request is "no body" (configure-http.ts), and the handler's `@Body()` then gets `undefined`.
 * Nest's ValidationPipe would validate that as `{}` — which a register PUT with only optional fields
 * accepts, silently emptying the entry. A route that takes a whole body therefore answers 400
 * VALIDATION_FAILED (`$`: a JSON body is required) when there is none. The validation pipe
 * (create-validation-pipe.ts) asks this first, for every parameter: one pipe, not two, per parameter.
 */
export function requireBody(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type === 'body' && metadata.data === undefined && value === undefined) {
    throw new RequestValidationError({ [ROOT_PATH]: ['a JSON body is required'] });
  }
}
