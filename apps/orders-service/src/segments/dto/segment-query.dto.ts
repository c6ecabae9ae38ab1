import { PageCount, PageOffset } from '../../common/validation';
import { SegmentDefinitionDto } from './segment-definition.dto';

export const DEFAULT_SEGMENT_PAGE = 10;
export const MAX_SEGMENT_PAGE = 100;

/** `POST /segments/query`: a filter (and optional having) run at once, one page of contacts. */
export class SegmentQueryDto extends SegmentDefinitionDto {
  @PageOffset('How many contacts to skip.', 'body')
  offset: number = 0;

  @PageCount('Page size (contacts).', 'body', MAX_SEGMENT_PAGE, DEFAULT_SEGMENT_PAGE)
  count: number = DEFAULT_SEGMENT_PAGE;
}
