import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError } from '../common/problem/api-error';
import { AutomationEndpointDto, AutomationEndpointListDto } from '../openapi/api-responses.dto';
import { ApiProblems } from '../openapi/order-responses.decorators';
import { AUTOMATION_STORE } from './automation.tokens';
import type { AutomationStore } from '@orders/automations';
import { presentEndpoint } from './automations.presenter';
import { CreateEndpointDto } from './endpoint.dto';

const endpointNotFound = (id: string): ApiError =>
  new ApiError(404, 'ENDPOINT_NOT_FOUND', 'Endpoint not found', `No automation endpoint with id '${id}'.`);

@ApiTags('automations')
@RequireScopes('automations')
@Controller('automations/endpoints')
export class AutomationEndpointsController {
  constructor(@Inject(AUTOMATION_STORE) private readonly store: AutomationStore) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an endpoint; it receives the triggers of actions requested from now on' })
  @ApiCreatedResponse({ description: 'The endpoint as registered (without its secret).', type: AutomationEndpointDto })
  async create(@Body() body: CreateEndpointDto) {
    const row = {
      id: randomUUID(),
      url: body.url,
      secret: body.secret,
      actions: body.actions ? JSON.stringify([...new Set(body.actions)]) : null,
      created_at_ms: Date.now(),
    };
    await this.store.addEndpoint(row);
    return presentEndpoint(row);
  }

  @Get()
  @ApiOperation({ summary: 'The registered endpoints (without secrets)' })
  @ApiOkResponse({ description: 'Every registered endpoint.', type: AutomationEndpointListDto })
  async list() {
    return { items: (await this.store.endpoints()).map(presentEndpoint) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint (without its secret)' })
  @ApiOkResponse({ description: 'The endpoint.', type: AutomationEndpointDto })
  @ApiProblems([404, 'ENDPOINT_NOT_FOUND'])
  async get(@Param('id') id: string) {
    const row = await this.store.endpoint(id);
    if (!row) throw endpointNotFound(id);
    return presentEndpoint(row);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint; what it has not received yet is cancelled' })
  @ApiNoContentResponse({ description: 'Removed; no body.' })
  @ApiProblems([404, 'ENDPOINT_NOT_FOUND'])
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.store.removeEndpoint(id))) throw endpointNotFound(id);
  }
}
