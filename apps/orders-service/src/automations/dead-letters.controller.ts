import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError } from '../common/problem/api-error';
import { AUTOMATION_STORE } from './automation.tokens';
import type { AutomationStore } from '@orders/automations';
import { AutomationPageQueryDto } from './automations-query.dto';
import { AutomationDeadLetterPageDto, AutomationRetryAcceptedDto } from './automations-responses.dto';
import { presentDeadLetter, presentPage } from './automations.presenter';
import { DeliveryWorker } from './delivery-worker';
import { ApiProblems } from '../openapi/order-responses.decorators';

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
  @ApiOkResponse({ type: AutomationDeadLetterPageDto })
  async list(@Query() query: AutomationPageQueryDto) {
    const { offset, count } = query;
    const { items, totalCount } = await this.store.deadLetters(offset, count);
    return presentPage('dead-letters', items.map(presentDeadLetter), totalCount, offset, count);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put a dead letter back in its queue with fresh attempts (same x-delivery-id)' })
  @ApiAcceptedResponse({ type: AutomationRetryAcceptedDto })
  @ApiProblems([404, 'DEAD_LETTER_NOT_FOUND'])
  async retry(@Param('id') id: string) {
    if (!(await this.store.retryDeadLetter(id, Date.now()))) {
      throw new ApiError(404, 'DEAD_LETTER_NOT_FOUND', 'Dead letter not found', `No dead letter with id '${id}'.`);
    }
    this.worker.wake();
    return { id, status: 'Pending' };
  }
}
