import { describe, expect, it } from 'vitest';
import { ApiError } from '../problem/api-error';
import { toProblem } from '../problem/problem.mapper';
import { frameworkErrorToApiError } from './framework-errors';

const fastifyError = (code: string, statusCode: number) => Object.assign(new Error(`${code} happened`), { code, statusCode });

describe('frameworkErrorToApiError', () => {
  it('maps a path Fastify cannot decode to 400 BAD_URL', () => {
    const error = frameworkErrorToApiError(fastifyError('FST_ERR_BAD_URL', 400));
    expect(error).toBeInstanceOf(ApiError);
    expect(toProblem(error).problem).toMatchObject({ status: 400, code: 'BAD_URL', type: '/problems/BAD_URL' });
  });

  it('maps an over-long path parameter to 414 URI_TOO_LONG', () => {
    expect(toProblem(frameworkErrorToApiError(fastifyError('FST_ERR_MAX_PARAM_LENGTH', 414))).problem).toMatchObject({
      status: 414,
      code: 'URI_TOO_LONG',
    });
  });

  it('leaves any other framework error alone: it becomes a logged 500 without internals', () => {
    const other = fastifyError('FST_ERR_ASYNC_CONSTRAINT', 500);
    expect(frameworkErrorToApiError(other)).toBe(other);
    expect(toProblem(other).problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
  });
});
