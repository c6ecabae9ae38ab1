import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { effectiveScopes } from '@orders/api-keys';
import { CONTACT_KEY_FIELDS, type FieldErrors, normalizeMatchKey } from '@orders/domain';
import { type ContactListFilter, LISTING_QUERIES, type ListingQueries } from '@orders/read-models';
import type { FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { validationFailed } from '../common/problem/api-error';
import { ArticleListQueryDto, ContactListQueryDto, PageQueryDto } from './listing-query.dto';
import {
  ApiKeyInfoDto,
  ArticlePageDto,
  ContactOrderSummaryDto,
  ContactPageDto,
  RecentOrderPageDto,
  StorePageDto,
} from './listing-responses.dto';
import { presentListing, presentOrderSummary } from './listing.presenter';

const FILTER_FIELDS = ['email', 'mobilePhone', 'memberNumber', 'externalId'] as const;

/**
 * The contact filter normalised as the register normalises keys (e-mail lower-cased, phone to E.164).
 * A `+` sent unencoded in a query string arrives as a space: a phone starting with a space and a digit
 * is read as starting with `+`.
 */
function contactFilter(query: ContactListQueryDto): ContactListFilter {
  const filter: ContactListFilter = {};
  const errors: FieldErrors = {};
  for (const field of FILTER_FIELDS) {
    const raw = query[field];
    if (raw === undefined) continue;
    const text = field === 'mobilePhone' ? raw.replace(/^ (?=\d)/, '+') : raw;
    const value = normalizeMatchKey(CONTACT_KEY_FIELDS[field], text);
    if (value === null)
      errors[field] = [field === 'mobilePhone' ? 'must be a phone number with its country code (E.164)' : 'must not be blank'];
    else filter[field] = value;
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors, 'The contact filter is not valid.');
  return filter;
}

/** The listings the order-view console needs (issue 17), E1-style pages over the read models. */
@Controller()
export class ListingsController {
  constructor(@Inject(LISTING_QUERIES) private readonly listings: ListingQueries) {}

  @Get('api-key')
  @ApiTags('api-keys')
  @RequireScopes()
  @ApiOperation({ summary: 'The API key of this request: its name, granted scopes and every scope they imply (any valid key)' })
  @ApiOkResponse({ description: 'The key.', type: ApiKeyInfoDto })
  whoami(@Req() request: FastifyRequest) {
    const { name, scopes } = request.apiKey!;
    return { name, scopes, effectiveScopes: [...effectiveScopes(scopes)] };
  }

  @Get('contacts')
  @ApiTags('contacts')
  @RequireScopes('contacts')
  @ApiOperation({ summary: 'A page of the contact register by contactId, optionally only contacts holding every given key' })
  @ApiOkResponse({ description: 'One page of contacts.', type: ContactPageDto })
  async contacts(@Query() query: ContactListQueryDto) {
    const filter = contactFilter(query);
    const listing = await this.listings.contacts(filter, query.offset, query.count);
    const given = Object.fromEntries(FILTER_FIELDS.map((field) => [field, query[field]]));
    return presentListing(listing, 'contacts', given, query.offset, query.count, (item) => item);
  }

  @Get('contacts/:contactId/order-summary')
  @ApiTags('contacts')
  @RequireScopes('orders:read')
  @ApiOperation({ summary: "Figures over a contact's non-deleted orders: counts, completed, returns, totals per currency" })
  @ApiOkResponse({ description: 'The figures (zeros for a contact without orders).', type: ContactOrderSummaryDto })
  orderSummary(@Param('contactId') contactId: string) {
    return this.listings.contactOrderSummary(contactId);
  }

  @Get('articles')
  @ApiTags('articles')
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'A page of the article register by sku; q: sku or name contains (case-insensitive)' })
  @ApiOkResponse({ description: 'One page of articles.', type: ArticlePageDto })
  async articles(@Query() query: ArticleListQueryDto) {
    const listing = await this.listings.articles(query.q, query.offset, query.count);
    return presentListing(listing, 'articles', { q: query.q }, query.offset, query.count, (item) => item);
  }

  @Get('stores')
  @ApiTags('stores')
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'A page of the store register by externalStoreId' })
  @ApiOkResponse({ description: 'One page of stores.', type: StorePageDto })
  async stores(@Query() query: PageQueryDto) {
    const listing = await this.listings.stores(query.offset, query.count);
    return presentListing(listing, 'stores', {}, query.offset, query.count, (item) => item);
  }

  @Get('recent-orders')
  @ApiTags('orders')
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'Every non-deleted order in brief, newest createdAt first, paged' })
  @ApiOkResponse({ description: 'One page of orders in brief.', type: RecentOrderPageDto })
  async recentOrders(@Query() query: PageQueryDto) {
    const page = await this.listings.recentOrders(query.offset, query.count);
    return presentListing(page, 'recent-orders', {}, query.offset, query.count, presentOrderSummary);
  }
}
