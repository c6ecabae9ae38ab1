import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ProjectionStatusListDto } from '../openapi/api-responses.dto';
import { ProjectionsStatusQuery } from './projections-status.query';

@ApiTags('admin')
@Controller('admin')
@RequireScopes('admin')
export class AdminController {
  constructor(private readonly queries: QueryBus) {}

  @Get('projections')
  @ApiOperation({ summary: 'Per projection: position, head of the log, lag (positions) and whether it is caught up' })
  @ApiOkResponse({
    description: 'Every projection with its position, the head of the log, the lag and whether it is caught up.',
    type: ProjectionStatusListDto,
  })
  async projections() {
    return { items: await this.queries.execute(new ProjectionsStatusQuery()) };
  }
}
