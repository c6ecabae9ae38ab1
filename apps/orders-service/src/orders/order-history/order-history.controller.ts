import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerKey } from '../../auth/caller-key.decorator';
import { RequireScopes } from '../../auth/require-scopes.decorator';
import { pageLinks } from '../../common/paging/page-links';
import { OrderHistoryPageDto } from '../../openapi/api-responses.dto';
import { ApiProblems } from '../../openapi/order-responses.decorators';
import { OrderIdPipe } from '../order-id.pipe';
import { OrderHistoryQueryDto } from './order-history-query.dto';
import { OrderHistoryQuery } from './order-history.query';

@ApiTags('orders')
@Controller('orders')
@RequireScopes('orders:read')
export class OrderHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId/history')
  @ApiOperation({
    summary:
      "The order's audit history (SPEC §7): every event with revision, versionTag, type, time, API key, correlation and job ids and a field-level diff; paged; also for deleted orders",
  })
  @ApiOkResponse({ description: 'One page of history entries, oldest first.', type: OrderHistoryPageDto })
  @ApiProblems(
    [404, 'No order with this orderId has ever existed.'],
    [
      503,
      'QUERY_BUDGET_EXCEEDED: the fold did not finish within SEGMENT_QUERY_BUDGET_MS (waiting for a read slot included) on the embedded read pool and was stopped; retry after Retry-After.',
    ],
  )
  async history(@Param('orderId', OrderIdPipe) orderId: string, @Query() query: OrderHistoryQueryDto, @CallerKey() caller: string) {
    const { offset, count } = query;
    const page = await this.queries.execute(new OrderHistoryQuery(orderId, offset, count, caller));
    const href = (at: number) => `/api/v3/orders/${encodeURIComponent(orderId)}/history?offset=${at}&count=${count}`;
    const links = pageLinks(page.totalCount, offset, count, (at) => ({ href: href(at), method: 'GET' as const }));
    return { orderId, items: page.items, totalCount: page.totalCount, offset, count, links };
  }
}
