import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError, ROOT_PATH } from '../validation';

/**
 * An empty request is "no body" (configure-http.ts), and the handler's `@Body()` then gets `undefined`.
 * Nest's ValidationPipe would validate that as `{}` — which a register PUT with only optional fields
 * accepts, silently emptying the entry. A route that takes a body therefore answers 400
 * VALIDATION_FAILED (`$`: a JSON body is required) when there is none. Runs before the validation pipe.
 */
@Injectable()
export class BodyRequiredPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && metadata.data === undefined && value === undefined) {
      throw new RequestValidationError({ [ROOT_PATH]: ['a JSON body is required'] });
    }
    return value;
  }
}
