import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from '../../common/validation';
import { DEFAULT_SEGMENT_PAGE, MAX_SEGMENT_PAGE } from './segment-query.dto';

/** `?offset=&count=` of `GET /segments` and `GET /segments/{segmentId}/contacts`. */
export class SegmentPageQueryDto {
  @ApiPropertyOptional({ type: Number, description: 'How many items to skip.', minimum: 0, default: 0, example: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;

  @ApiPropertyOptional({ type: Number, description: 'Page size.', minimum: 1, maximum: MAX_SEGMENT_PAGE, default: DEFAULT_SEGMENT_PAGE, example: 10 })
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_SEGMENT_PAGE)
  count: number = DEFAULT_SEGMENT_PAGE;
}
