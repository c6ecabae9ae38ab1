import type { OrderPage } from './read-model.port';

/** One page of a listing and how many items the whole listing has. */
export interface Listing<T> {
  items: T[];
  totalCount: number;
}

/** Register keys to filter contacts by, already normalised (e-mail lower-cased, phone in E.164); all must match. */
export interface ContactListFilter {
  email?: string;
  mobilePhone?: string;
  memberNumber?: string;
  externalId?: string;
}

/** A contact as the console lists it (no social security number: a listing is no place for it). */
export interface ContactListItem {
  contactId: string;
  email?: string;
  mobilePhone?: string;
  memberNumber?: string;
  externalId?: string;
  firstName?: string;
  lastName?: string;
}

export interface ArticleListItem {
  sku: string;
  name?: string;
  attributes: Record<string, unknown>;
}

export interface StoreListItem {
  externalStoreId: string;
  name?: string;
  country?: string;
}

/** Figures over a contact's non-deleted orders. */
export interface ContactOrderSummary {
  contactId: string;
  orderCount: number;
  completedCount: number;
  returnCount: number;
  /** the sum of `totalPrice` per currency, by currencyCode */
  totals: { currencyCode: string; totalPrice: number }[];
}

/** One group of a contact's orders (per currency), as both adapters aggregate them. */
export interface SummaryGroup {
  currencyCode: string;
  orderCount: number;
  completedCount: number;
  returnCount: number;
  totalPrice: number;
}

/**
 * The listings of the order-view console (issue 17), every one over an index: registers in key order
 * (contactId, sku, externalStoreId), orders newest `createdAt` first. Both adapters implement it.
 */
export interface ListingQueries {
  /** contacts by contactId; with a filter only those holding every given key */
  contacts(filter: ContactListFilter, offset: number, count: number): Promise<Listing<ContactListItem>>;
  /** articles by sku; `q` (lower-case) matches when the sku or the name contains it, case-insensitively */
  articles(q: string | undefined, offset: number, count: number): Promise<Listing<ArticleListItem>>;
  stores(offset: number, count: number): Promise<Listing<StoreListItem>>;
  /** every non-deleted order, newest `createdAt` first (ties: orderId) */
  recentOrders(offset: number, count: number): Promise<OrderPage>;
  contactOrderSummary(contactId: string): Promise<ContactOrderSummary>;
}

export const LISTING_QUERIES = Symbol('LISTING_QUERIES');

/** Sums are rounded to 1/10,000 so that float noise (0.1 + 0.2) never shows, whatever order an adapter adds in. */
const roundMoney = (value: number): number => Math.round(value * 10_000) / 10_000;

/** The summary of a contact's per-currency groups (both adapters group in their store, then fold here). */
export function summarizeOrders(contactId: string, groups: readonly SummaryGroup[]): ContactOrderSummary {
  const sorted = [...groups].sort((a, b) => (a.currencyCode < b.currencyCode ? -1 : a.currencyCode > b.currencyCode ? 1 : 0));
  const sum = (field: 'orderCount' | 'completedCount' | 'returnCount') => sorted.reduce((total, group) => total + group[field], 0);
  return {
    contactId,
    orderCount: sum('orderCount'),
    completedCount: sum('completedCount'),
    returnCount: sum('returnCount'),
    totals: sorted.map((group) => ({ currencyCode: group.currencyCode, totalPrice: roundMoney(group.totalPrice) })),
  };
}

/** A contact entry as listed: the listed fields only, in a fixed order. */
export function contactListItem(contactId: string, entry: Partial<Record<string, string>>): ContactListItem {
  const item: ContactListItem = { contactId };
  for (const field of ['email', 'mobilePhone', 'memberNumber', 'externalId', 'firstName', 'lastName'] as const) {
    const value = entry[field];
    if (value !== undefined) item[field] = value;
  }
  return item;
}
