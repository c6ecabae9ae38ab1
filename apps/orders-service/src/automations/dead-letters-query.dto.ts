import { PageCount, PageOffset } from '../common/validation';

/** `?offset=&count=` of `GET /automations/dead-letters`: paged like the other lists. */
export class DeadLettersQueryDto {
  @PageOffset('How many dead letters to skip.', 'query')
  offset: number = 0;

  @PageCount('Page size.', 'query', 100, 10)
  count: number = 10;
}
