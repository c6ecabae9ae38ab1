import { PageCount, PageOffset } from '../../common/validation';
import { DEFAULT_SEGMENT_PAGE, MAX_SEGMENT_PAGE } from './segment-query.dto';

/** `?offset=&count=` of `GET /segments` and `GET /segments/{segmentId}/contacts`. */
export class SegmentPageQueryDto {
  @PageOffset('How many items to skip.', 'query')
  offset: number = 0;

  @PageCount('Page size.', 'query', MAX_SEGMENT_PAGE, DEFAULT_SEGMENT_PAGE)
  count: number = DEFAULT_SEGMENT_PAGE;
}
