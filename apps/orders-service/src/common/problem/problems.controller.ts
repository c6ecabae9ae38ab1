import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { ApiProblems } from '../../openapi/order-responses.decorators';
import { ApiError } from './api-error';
import { isProblemCode, PROBLEMS_PATH } from './problem-catalog';
import { problemIndexHtml, problemPageHtml } from './problem-pages';

const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

/**
 * The pages that the problems' `type` URIs lead to: `/problems/<CODE>` (outside /api/v3, no API key,
 * like /docs). A code is also found as `order-not-found` (lower case, hyphens).
 */
@ApiTags('operations')
@Public()
@Controller(PROBLEMS_PATH)
export class ProblemsController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: 'Every problem type (error `code`) of the API, with its status and title' })
  @ApiProduces('text/html')
  @ApiOkResponse(html('An HTML page listing every code, each linking to its page.'))
  index(): string {
    return problemIndexHtml();
  }

  @Get(':code')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: "A problem type: the page a problem's `type` URI leads to (when it happens, what to do)" })
  @ApiParam({ name: 'code', description: 'The problem `code`, e.g. `ORDER_NOT_FOUND` (or `order-not-found`).', example: 'ORDER_NOT_FOUND' })
  @ApiProduces('text/html')
  @ApiOkResponse(html("An HTML page: the code's title, HTTP status, when it happens and what a client should do."))
  @ApiProblems([404, 'PROBLEM_TYPE_NOT_FOUND: no problem has this code'])
  page(@Param('code') code: string): string {
    const canonical = code.toUpperCase().replace(/-/g, '_');
    if (!isProblemCode(canonical)) {
      throw new ApiError(
        404,
        'PROBLEM_TYPE_NOT_FOUND',
        'Problem type not found',
        'This API answers no problem with that code: see /problems.',
      );
    }
    return problemPageHtml(canonical);
  }
}
