import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema, OmitType } from '@nestjs/swagger';
import { API_KEY_SCOPES } from '@orders/api-keys';
import { ORDER_STATUSES, ORDER_TYPES } from '@orders/domain';
import { RegisteredArticleDto, RegisteredContactDto, RegisteredStoreDto } from '../openapi/api-responses.dto';
import { PageLinkDto } from '../openapi/order-responses.dto';

/** Response bodies of the console's listings (issue 17), for the OpenAPI document; the presenters build them. */

/** An E1-style page of `item`: `{ items, totalCount, offset, count, links }`. */
function pageOf<T>(item: Type<T>, name: string, description: string): Type<unknown> {
  @ApiSchema({ name, description })
  class Page {
    @ApiProperty({ type: () => [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', example: 23 })
    totalCount!: number;

    @ApiProperty({ type: 'integer', example: 0 })
    offset!: number;

    @ApiProperty({ type: 'integer', example: 10 })
    count!: number;

    @ApiProperty({ type: () => [PageLinkDto], description: 'A link is present only where that page exists.' })
    links!: PageLinkDto[];
  }
  return Page;
}

@ApiSchema({ name: 'ContactListItem', description: 'A contact of the register as listed (never its social security number).' })
export class ContactListItemDto extends OmitType(RegisteredContactDto, ['socialSecurityNumber'] as const) {}

export const ContactPageDto = pageOf(ContactListItemDto, 'ContactPage', 'A page of the contact register, by contactId.');
export const ArticlePageDto = pageOf(RegisteredArticleDto, 'ArticlePage', 'A page of the article register, by sku.');
export const StorePageDto = pageOf(RegisteredStoreDto, 'StorePage', 'A page of the store register, by externalStoreId.');

@ApiSchema({ name: 'OrderSummary', description: 'An order in brief, as the recent-orders listing shows it.' })
export class OrderSummaryDto {
  @ApiProperty({ example: 'A-1001' })
  orderId!: string;

  @ApiPropertyOptional({
    description: 'The contact the order is linked to; absent when its match key resolves to nobody.',
    example: 'c-42',
  })
  contactId?: string;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'Completed' })
  status!: string;

  @ApiProperty({ enum: ORDER_TYPES, example: 'Purchase' })
  type!: string;

  @ApiProperty({ description: 'As registered (with its offset).', example: '2026-03-01T10:00:00+01:00' })
  createdAt!: string;

  @ApiProperty({ example: 199 })
  totalPrice!: number;

  @ApiProperty({ example: 'SEK' })
  currencyCode!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  lineCount!: number;

  @ApiProperty({ example: '1-73cda18a' })
  versionTag!: string;
}

export const RecentOrderPageDto = pageOf(OrderSummaryDto, 'RecentOrderPage', 'A page of every non-deleted order, newest createdAt first.');

@ApiSchema({ name: 'CurrencyTotal' })
export class CurrencyTotalDto {
  @ApiProperty({ example: 'SEK' })
  currencyCode!: string;

  @ApiProperty({ description: "The sum of the orders' `totalPrice` in this currency (rounded to 4 decimals).", example: 1234.5 })
  totalPrice!: number;
}

@ApiSchema({ name: 'ContactOrderSummary', description: "Figures over a contact's non-deleted orders (zeros when it has none)." })
export class ContactOrderSummaryDto {
  @ApiProperty({ example: 'c-42' })
  contactId!: string;

  @ApiProperty({ type: 'integer', example: 5 })
  orderCount!: number;

  @ApiProperty({ type: 'integer', description: 'Orders with status Completed.', example: 3 })
  completedCount!: number;

  @ApiProperty({ type: 'integer', description: 'Orders of type Return.', example: 1 })
  returnCount!: number;

  @ApiProperty({ type: () => [CurrencyTotalDto], description: 'One entry per currency, by currencyCode.' })
  totals!: CurrencyTotalDto[];
}

@ApiSchema({ name: 'ApiKeyInfo', description: 'The API key of the request: its name and what it may do.' })
export class ApiKeyInfoDto {
  @ApiProperty({ example: 'shop' })
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, description: 'The scopes granted to the key.', example: ['orders:write'] })
  scopes!: string[];

  @ApiProperty({
    enum: API_KEY_SCOPES,
    isArray: true,
    description: 'Every scope the key has: `admin` implies all, `orders:write` implies `orders:read`.',
    example: ['orders:read', 'orders:write'],
  })
  effectiveScopes!: string[];
}
