import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';

/** The two success answers of a register PUT: 201 for a new entry, 200 when an existing one was replaced. */
export const RegisterPutResponses = (entry: string): MethodDecorator =>
  applyDecorators(
    ApiCreatedResponse({ description: `A new ${entry}: the ${entry} as stored` }),
    ApiOkResponse({ description: `An existing ${entry} replaced: the ${entry} as stored` }),
  );
