import { applyDecorators, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';

/** The two success answers of a register PUT: 201 for a new entry, 200 when an existing one was replaced; both the entry as stored. */
export const RegisterPutResponses = (entry: string, type: Type<unknown>): MethodDecorator =>
  applyDecorators(
    ApiCreatedResponse({ description: `A new ${entry}: the ${entry} as stored`, type }),
    ApiOkResponse({ description: `An existing ${entry} replaced: the ${entry} as stored`, type }),
  );
