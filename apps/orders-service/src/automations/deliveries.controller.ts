import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { AUTOMATION_STORE } from './automation.tokens';
import type { AutomationStore } from '@orders/automations';
import { DeliveriesQueryDto } from './automations-query.dto';
import { AutomationDeliveryPageDto } from './automations-responses.dto';
import { presentDelivery, presentPage } from './automations.presenter';

@ApiTags('automations')
@RequireScopes('automations')
@Controller('automations/deliveries')
export class DeliveriesController {
  constructor(@Inject(AUTOMATION_STORE) private readonly store: AutomationStore) {}

  @Get()
  @ApiOperation({
    summary: 'Trigger deliveries, newest first: pending, retrying (with attempts and the next attempt), delivered, dead, cancelled',
  })
  @ApiOkResponse({ type: AutomationDeliveryPageDto })
  async list(@Query() query: DeliveriesQueryDto) {
    const { offset, count, state, endpointId, orderId } = query;
    const { items, totalCount } = await this.store.deliveries({ state, endpointId, orderId }, offset, count);
    const filter = Object.entries({ state, endpointId, orderId })
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(value!)}&`)
      .join('');
    return presentPage('deliveries', items.map(presentDelivery), totalCount, offset, count, filter);
  }
}
