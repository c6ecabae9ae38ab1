import { applyDecorators, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/order-responses.decorators';

const ETAG = { ETag: { description: '"<revision>": the entry\'s stream revision, for If-Match', schema: { type: 'string' } } };

/** A register write's optional condition: If-Match with the entry's ETag, 412 when it moved on. */
export const RegisterIfMatch = (entry: string): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: `"<revision>" (the ETag of GET) or *: the write applies only to that version of the ${entry}; an absent ${entry} matches nothing`,
    }),
    ApiProblems([412, `PRECONDITION_FAILED: the ${entry} moved on (ETag: its current revision) or does not exist`]),
  );

/** The two success answers of a register PUT: 201 for a new entry, 200 when an existing one was replaced; both the entry as stored, with its ETag. */
export const RegisterPutResponses = (entry: string, type: Type<unknown>): MethodDecorator =>
  applyDecorators(
    ApiCreatedResponse({ description: `A new ${entry}: the ${entry} as stored`, type, headers: ETAG }),
    ApiOkResponse({ description: `An existing ${entry} replaced: the ${entry} as stored`, type, headers: ETAG }),
    RegisterIfMatch(entry),
  );

/** A register GET: the entry with its ETag. */
export const RegisterGetResponse = (entry: string, type: Type<unknown>): MethodDecorator =>
  ApiOkResponse({ description: `The ${entry} as stored; ETag: its revision`, type, headers: ETAG });
