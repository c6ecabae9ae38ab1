import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiPreconditionFailedResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { RequireScopes } from '../auth/require-scopes.decorator';

/** A write (E2, E4, E5, E8, E9): scope `orders:write`, optional `Idempotency-Key`. */
export const IdempotentWrite = (): MethodDecorator =>
  applyDecorators(
    RequireScopes('orders:write'),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Up to 255 visible ASCII characters. A retry with the same key and body writes nothing and answers 202 with the original job in its current state (`Completed` with its `versionTag` once every read model has it).',
    }),
    ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: the key was used with another request' }),
  );

/** A write to an existing order (E4, E5, E7, E8, E9): also honours `If-Match`. */
export const ConditionalWrite = (): MethodDecorator =>
  applyDecorators(
    IdempotentWrite(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: '"<versionTag>" (the ETag of GET): the change applies only to that version',
    }),
    ApiPreconditionFailedResponse({
      description: 'PRECONDITION_FAILED: the order is no longer at that versionTag (or the header is malformed)',
    }),
  );
