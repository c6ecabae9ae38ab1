import { CONTACT_FIELD_MAX } from '@orders/domain';
import { PageCount, PageOffset, QueryText } from '../common/validation';
import { DEFAULT_PAGE_COUNT, MAX_PAGE_COUNT } from '../orders/dto/order-limits';

/** `?offset&count` of the console's listings: offset ≥ 0 (default 0), count 1..100 (default 10), as E1. */
export class PageQueryDto {
  @PageOffset('How many items to skip.', 'query')
  offset: number = 0;

  @PageCount('Page size.', 'query', MAX_PAGE_COUNT, DEFAULT_PAGE_COUNT)
  count: number = DEFAULT_PAGE_COUNT;
}

const key = (description: string, example: string) => QueryText({ required: false, description, example, maxLength: CONTACT_FIELD_MAX });

/** `GET /contacts`: a page of the contact register, optionally only contacts holding every given key. */
export class ContactListQueryDto extends PageQueryDto {
  @key('Only contacts with this e-mail address (compared case-insensitively).', 'ada@example.com')
  email?: string;

  @key(
    'Only contacts with this mobile phone, written any way the register accepts (normalised to E.164; send `+` as `%2B`).',
    '+46701234567',
  )
  mobilePhone?: string;

  @key('Only contacts with this member number.', 'M-1001')
  memberNumber?: string;

  @key('Only contacts with this external id.', 'crm-42')
  externalId?: string;
}

/** `GET /articles`: a page of the article register, optionally only articles whose sku or name contains `q`. */
export class ArticleListQueryDto extends PageQueryDto {
  @QueryText({
    required: false,
    description: 'Only articles whose sku or name contains this text (case-insensitive; plain text, not a pattern).',
    example: 'shirt',
    maxLength: 100,
  })
  q?: string;
}
