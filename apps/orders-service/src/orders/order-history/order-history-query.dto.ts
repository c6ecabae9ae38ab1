import { PageCount, PageOffset } from '../../common/validation';
import { DEFAULT_PAGE_COUNT, MAX_PAGE_COUNT } from '../dto/order-limits';

/** Query of `GET /orders/{orderId}/history?offset=0&count=10` (SPEC §7): paged like E1. */
export class OrderHistoryQueryDto {
  @PageOffset('How many events to skip.', 'query')
  offset: number = 0;

  @PageCount('Page size.', 'query', MAX_PAGE_COUNT, DEFAULT_PAGE_COUNT)
  count: number = DEFAULT_PAGE_COUNT;
}
