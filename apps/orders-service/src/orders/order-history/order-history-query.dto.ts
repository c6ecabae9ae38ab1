import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from '../../common/validation';
import { DEFAULT_PAGE_COUNT, MAX_PAGE_COUNT } from '../dto/order-limits';

/** Query of `GET /orders/{orderId}/history?offset=0&count=10` (SPEC §7): paged like E1. */
export class OrderHistoryQueryDto {
  @ApiPropertyOptional({ type: Number, description: 'How many events to skip.', minimum: 0, default: 0, example: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;

  @ApiPropertyOptional({ type: Number, description: 'Page size.', minimum: 1, maximum: MAX_PAGE_COUNT, default: DEFAULT_PAGE_COUNT })
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_COUNT)
  count: number = DEFAULT_PAGE_COUNT;
}
