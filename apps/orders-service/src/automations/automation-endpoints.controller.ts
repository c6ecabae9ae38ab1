import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AutomationStore, TargetPolicy } from '@orders/automations';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError, automationTargetNotAllowed } from '../common/problem/api-error';
import { AUTOMATION_STORE, AUTOMATION_TARGET_POLICY } from './automation.tokens';
import { AutomationPageQueryDto } from './automations-query.dto';
import { AutomationEndpointDto, AutomationEndpointPageDto } from './automations-responses.dto';
import { presentEndpoint, presentPage } from './automations.presenter';
import { CreateEndpointDto } from './endpoint.dto';
import { ApiProblems } from '../openapi/order-responses.decorators';

const endpointNotFound = (id: string): ApiError =>
  new ApiError(404, 'ENDPOINT_NOT_FOUND', 'Endpoint not found', `No automation endpoint with id '${id}'.`);

@ApiTags('automations')
@RequireScopes('automations')
@Controller('automations/endpoints')
export class AutomationEndpointsController {
  constructor(
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    @Inject(AUTOMATION_TARGET_POLICY) private readonly policy: TargetPolicy,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register an endpoint; it receives the triggers of actions requested from now on',
    description:
      'The URL is checked against the automation target policy (every address its host resolves to); ' +
      'a refused target is 422 `AUTOMATION_TARGET_NOT_ALLOWED` naming `url`. `Location` names the new endpoint.',
  })
  @ApiCreatedResponse({
    type: AutomationEndpointDto,
    headers: { Location: { description: 'the new endpoint', schema: { type: 'string' } } },
  })
  @ApiProblems([422, 'AUTOMATION_TARGET_NOT_ALLOWED: a local-network address, the service itself, or a host that does not resolve'])
  async create(@Body() body: CreateEndpointDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const check = await this.policy.check(body.url);
    if (!check.allowed) throw automationTargetNotAllowed(check.detail);
    const row = {
      id: randomUUID(),
      url: check.url.href,
      secret: body.secret,
      actions: body.actions ? JSON.stringify([...new Set(body.actions)]) : null,
      created_at_ms: Date.now(),
    };
    await this.store.addEndpoint(row);
    void reply.header('Location', `/api/v3/automations/endpoints/${row.id}`);
    return presentEndpoint(row);
  }

  @Get()
  @ApiOperation({ summary: 'The registered endpoints (without secrets), oldest first, paged' })
  @ApiOkResponse({ type: AutomationEndpointPageDto })
  async list(@Query() query: AutomationPageQueryDto) {
    const { offset, count } = query;
    const all = await this.store.endpoints();
    return presentPage('endpoints', all.slice(offset, offset + count).map(presentEndpoint), all.length, offset, count);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint (without its secret)' })
  @ApiOkResponse({ type: AutomationEndpointDto })
  @ApiProblems([404, 'ENDPOINT_NOT_FOUND'])
  async get(@Param('id') id: string) {
    const row = await this.store.endpoint(id);
    if (!row) throw endpointNotFound(id);
    return presentEndpoint(row);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint; what it has not received yet is cancelled' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiProblems([404, 'ENDPOINT_NOT_FOUND'])
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.store.removeEndpoint(id))) throw endpointNotFound(id);
  }
}
