import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { pageLinks } from '../common/paging/page-links';
import { ApiError } from '../common/problem/api-error';
import { DeadLetterPageDto, DeadLetterRetryDto } from '../openapi/api-responses.dto';
import { ApiProblems } from '../openapi/order-responses.decorators';
import { AUTOMATION_STORE } from './automation.tokens';
import type { AutomationStore } from '@orders/automations';
import { presentDeadLetter } from './automations.presenter';
import { DeadLettersQueryDto } from './dead-letters-query.dto';
import { DeliveryWorker } from './delivery-worker';

@ApiTags('automations')
@RequireScopes('automations')
@Controller('automations/dead-letters')
export class DeadLettersController {
  constructor(
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    private readonly worker: DeliveryWorker,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries that exhausted their retries, oldest first' })
  @ApiOkResponse({ description: 'One page of dead letters.', type: DeadLetterPageDto })
  async list(@Query() query: DeadLettersQueryDto) {
    const { offset, count } = query;
    const { items, totalCount } = await this.store.deadLetters(offset, count);
    const links = pageLinks(totalCount, offset, count, (at) => ({
      href: `/api/v3/automations/dead-letters?offset=${at}&count=${count}`,
      method: 'GET' as const,
    }));
    return { items: items.map(presentDeadLetter), totalCount, offset, count, links };
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put a dead letter back in its queue with fresh attempts (same x-delivery-id)' })
  @ApiAcceptedResponse({ description: 'Queued again.', type: DeadLetterRetryDto })
  @ApiProblems([404, 'DEAD_LETTER_NOT_FOUND'])
  async retry(@Param('id') id: string) {
    if (!(await this.store.retryDeadLetter(id, Date.now()))) {
      throw new ApiError(404, 'DEAD_LETTER_NOT_FOUND', 'Dead letter not found', `No dead letter with id '${id}'.`);
    }
    this.worker.wake();
    return { id, status: 'Pending' };
  }
}
