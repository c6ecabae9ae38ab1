import { PageCount, PageOffset, QueryText } from '../../common/validation';
import { DEFAULT_PAGE_COUNT, MAX_ID_LENGTH, MAX_PAGE_COUNT } from './order-limits';

/**
 * Query of E1 `GET /orders?contactId=&offset=0&count=10`. Query strings arrive as strings:
 * `offset` and `count` are converted to numbers here (only plain digits; `"1e3"`, `""`, `"-1"` are
 * rejected), and default to 0 and 10 when absent.
 */
export class ListOrdersQueryDto {
  @QueryText({ required: true, description: 'The contact whose orders to list.', example: 'c-42', maxLength: MAX_ID_LENGTH })
  contactId!: string;

  @PageOffset('How many orders to skip.', 'query')
  offset: number = 0;

  @PageCount('Page size.', 'query', MAX_PAGE_COUNT, DEFAULT_PAGE_COUNT)
  count: number = DEFAULT_PAGE_COUNT;
}
