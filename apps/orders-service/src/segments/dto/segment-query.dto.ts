import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { SegmentDefinitionDto } from './segment-definition.dto';

export const DEFAULT_SEGMENT_PAGE = 10;
export const MAX_SEGMENT_PAGE = 100;

/** `POST /segments/query`: a filter (and optional having) run at once, one page of contacts. */
export class SegmentQueryDto extends SegmentDefinitionDto {
  @ApiPropertyOptional({ type: Number, description: 'How many contacts to skip.', minimum: 0, default: 0, example: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;

  @ApiPropertyOptional({ type: Number, description: 'Page size (contacts).', minimum: 1, maximum: MAX_SEGMENT_PAGE, default: DEFAULT_SEGMENT_PAGE, example: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_SEGMENT_PAGE)
  count: number = DEFAULT_SEGMENT_PAGE;
}
